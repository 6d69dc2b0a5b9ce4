import { Field, Float, ObjectType } from 'type-graphql';
import { TargetDirection } from './task-pace.js';

@ObjectType({ description: '量化目标及进度' })
export class TaskTarget {
  @Field(() => Float, { nullable: true, description: '基数（任务起始时的值）' })
  baseline!: number | null;

  @Field(() => Float, { description: '目标值' })
  value!: number;

  @Field(() => String, { description: '计量单位' })
  unit!: string;

  @Field(() => TargetDirection)
  direction!: TargetDirection;

  @Field(() => String, { nullable: true, description: '方案原文' })
  text!: string | null;

  @Field(() => Float, { nullable: true, description: '最近一次填报的实际值' })
  latest!: number | null;

  @Field(() => Float, { nullable: true, description: '按进度此时应达到的值：任务起始时的基数到完成时限的目标值之间按时间线性插值；无基数时为空' })
  expectedNow!: number | null;
}
