import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: '整改问题统计' })
export class ProblemStats {
  @Field(() => Int, { description: '未销号' })
  open!: number;

  @Field(() => Int, { description: '已销号' })
  closed!: number;

  @Field(() => Int, { description: '已申请销号待审核' })
  awaitingSignOff!: number;

  @Field(() => Int, { description: '超期未销号' })
  overdue!: number;

  @Field(() => Int, { description: '红灯（未销号中）' })
  red!: number;

  @Field(() => Int, { description: '黄灯（未销号中）' })
  yellow!: number;

  @Field(() => Int, { description: '绿灯（未销号中）' })
  green!: number;
}
