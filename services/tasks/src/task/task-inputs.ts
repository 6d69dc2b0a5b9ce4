import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: '登记一项督办任务' })
export class CreateSupervisedTaskInput {
  @Field(() => Int, { description: '任务序号，1–100000' })
  number!: number;

  @Field(() => String, { description: '任务名称，1–200字' })
  title!: string;

  @Field(() => ID, { description: '牵头单位' })
  leadUnitId!: string;

  @Field(() => ID, { description: '所属行政区划代码' })
  regionCode!: string;

  @Field(() => String, {
    description: '完成时限：截止日期（北京时间），如 2026-12-31，也可传带时区的时间；期限均为当日24时',
  })
  deadline!: string;
}
