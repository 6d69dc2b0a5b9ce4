import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: '区域（含全部下级）督办任务统计' })
export class TaskStats {
  @Field(() => Int, { description: '任务总数' })
  total!: number;

  @Field(() => Int, { description: '推进中' })
  open!: number;

  @Field(() => Int, { description: '超期未完成（亮红灯）' })
  overdue!: number;
}
