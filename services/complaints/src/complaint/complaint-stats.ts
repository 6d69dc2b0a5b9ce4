import { Field, Int, ObjectType } from 'type-graphql';
import { DispatchStatus } from '@bizenv/common/closed-loop';

@ObjectType({ description: '按转办状态计数' })
export class DispatchStatusCount {
  @Field(() => DispatchStatus)
  status!: DispatchStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: '区域（含全部下级）投诉统计' })
export class ComplaintStats {
  @Field(() => Int, { description: '受理总数' })
  total!: number;

  @Field(() => Int, { description: '未办结' })
  open!: number;

  @Field(() => Int, { description: '超期未办结' })
  overdue!: number;

  @Field(() => [DispatchStatusCount], { description: '各转办状态数量（含全部状态，无则为0）' })
  byDispatchStatus!: DispatchStatusCount[];
}
