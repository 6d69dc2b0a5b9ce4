import { Field, Int, ObjectType } from 'type-graphql';
import { DispatchStatus } from '@bizenv/common/closed-loop';

@ObjectType({ description: '按转办状态计数' })
export class DispatchStatusCount {
  @Field(() => DispatchStatus)
  status!: DispatchStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: '投诉统计：一个区域（含全部下级），或其中一个牵头单位（Unit.complaintStats）' })
export class ComplaintStats {
  @Field(() => Int, { description: '受理总数（不含已合并的重复件）' })
  total!: number;

  @Field(() => Int, { description: '未办结' })
  open!: number;

  @Field(() => Int, { description: '超期未办结' })
  overdue!: number;

  @Field(() => [DispatchStatusCount], { description: '各转办状态数量（含全部状态，无则为0）' })
  byDispatchStatus!: DispatchStatusCount[];
}
