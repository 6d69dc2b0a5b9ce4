import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: '今日零时（北京时间）的督办任务红黄灯数：按登记、完成、撤销时间和完成时限、预警时间重算' })
export class TasksAtStartOfDay {
  @Field(() => Date, { description: '今日零时（北京时间）' })
  at!: Date;

  @Field(() => Int, { description: '当时红灯：已登记、未完成未撤销，完成时限早于零时' })
  red!: number;

  @Field(() => Int, { description: '当时黄灯：已登记、未完成未撤销，未超期但预警时间（临近时限或落后进度）不晚于零时' })
  yellow!: number;
}
