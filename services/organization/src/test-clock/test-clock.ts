import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: '测试时钟（仅非生产模式）：系统当前时间及其相对真实时间的偏移' })
export class TestClock {
  @Field(() => Date)
  now!: Date;

  @Field(() => Int, { description: '相对真实时间快进的秒数' })
  offsetSeconds!: number;
}
