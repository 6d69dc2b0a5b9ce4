import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: '区域（含全部下级）督办任务统计' })
export class TaskStats {
  @Field(() => Int, { description: '任务总数' })
  total!: number;

  @Field(() => Int, { description: '推进中' })
  open!: number;

  @Field(() => Int, { description: '超期未完成（亮红灯）' })
  overdue!: number;

  @Field(() => Int, { description: '红灯：超期未完成（同 overdue）' })
  red!: number;

  @Field(() => Int, { description: '黄灯：未超期，但临近完成时限（5个工作日内）或落后于目标进度' })
  yellow!: number;

  @Field(() => Int, { description: '绿灯：其余推进中的任务' })
  green!: number;

  @Field(() => Int, { description: '落后于目标进度的推进中任务（按最近填报的实际值）' })
  behindTarget!: number;

  @Field(() => Int, { description: '缺报：已过截止时间仍未报送的进度报告' })
  reportsMissing!: number;

  @Field(() => Int, { description: '整改问题：未销号' })
  problemsOpen!: number;

  @Field(() => Int, { description: '整改问题：已销号' })
  problemsClosed!: number;

  @Field(() => Int, { description: '整改问题：超期未销号' })
  problemsOverdue!: number;
}
