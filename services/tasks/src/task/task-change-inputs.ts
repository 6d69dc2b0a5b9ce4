import { Field, InputType, ID, Int } from 'type-graphql';
import { DeadlineRule } from './deadline-rule.js';
import { TaskTargetInput } from './task-inputs.js';

@InputType({ description: '修改督办任务：只改给出的字段，各字段按登记时的同一规则校验' })
export class UpdateSupervisedTaskInput {
  @Field(() => Int, { nullable: true, description: '任务序号，1–100000；同一活动方案内不得重复' })
  number?: number | null;

  @Field(() => String, { nullable: true, description: '任务名称，1–200字' })
  title?: string | null;

  @Field(() => [ID], { nullable: true, description: '牵头单位（按方案所列顺序），1–20个；给出即整体替换' })
  leadUnitIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: '责任单位（配合单位），至多50个；给出即整体替换，[] 清除' })
  responsibleUnitIds?: string[] | null;

  @Field(() => String, { nullable: true, description: '完成时限，写法同登记；不给 deadlineRule 时按任务原来的表述方式解读' })
  deadline?: string | null;

  @Field(() => DeadlineRule, { nullable: true, description: '完成时限的表述方式；须与 deadline 一同给出' })
  deadlineRule?: DeadlineRule | null;

  @Field(() => String, { nullable: true, description: '起始日期（北京时间），不得晚于完成时限' })
  startsOn?: string | null;

  @Field(() => TaskTargetInput, { nullable: true, description: '量化目标，整体替换；传 null 清除目标，不传则不变' })
  target?: TaskTargetInput | null;
}
