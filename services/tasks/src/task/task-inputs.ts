import { Light } from '@bizenv/common/lights';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { DeadlineRule } from './deadline-rule.js';
import { TargetDirection } from './task-pace.js';
import { TaskStatus } from './task-status.js';

@InputType({ description: '量化目标，如“网上办税比例由56%提升到70%以上”：基数56、目标70、单位%、提升' })
export class TaskTargetInput {
  @Field(() => Float, { nullable: true, description: '基数（任务起始时的值）；“3个工作日内”这类目标可不填' })
  baseline?: number | null;

  @Field(() => Float, { description: '目标值' })
  value!: number;

  @Field(() => String, { description: '计量单位，如 %、个、工作日，1–16字' })
  unit!: string;

  @Field(() => TargetDirection)
  direction!: TargetDirection;

  @Field(() => String, { nullable: true, description: '方案原文，如“由56%提升到70%以上”，至多200字' })
  text?: string | null;
}

@InputType({ description: '登记一项督办任务' })
export class CreateSupervisedTaskInput {
  @Field(() => Int, { description: '任务序号，1–100000；同一活动方案内不得重复' })
  number!: number;

  @Field(() => String, { description: '任务名称，1–200字' })
  title!: string;

  @Field(() => ID, { nullable: true, description: '牵头单位（只有一个时）；与 leadUnitIds 合并，至少一个' })
  leadUnitId?: string | null;

  @Field(() => [ID], { nullable: true, description: '牵头单位（按方案所列顺序），至多20个' })
  leadUnitIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: '责任单位（配合单位），至多50个' })
  responsibleUnitIds?: string[] | null;

  @Field(() => ID, { description: '所属行政区划代码；属于活动方案时须在方案的区域内' })
  regionCode!: string;

  @Field(() => ID, { nullable: true, description: '所属活动方案' })
  campaignId?: string | null;

  @Field(() => ID, { nullable: true, description: '所属专项行动（同时确定所属活动方案）' })
  specialActionId?: string | null;

  @Field(() => String, {
    description:
      '完成时限：DATE 时为截止日期（北京时间），如 2026-12-31，也可传带时区的时间；END_OF_MONTH/QUARTER/YEAR 时为该期，如 2026-09、2026-Q3、2026，或期内任一日。期限均为当日24时',
  })
  deadline!: string;

  @Field(() => DeadlineRule, { nullable: true, description: '完成时限的表述方式，默认 DATE' })
  deadlineRule?: DeadlineRule | null;

  @Field(() => String, { nullable: true, description: '起始日期（北京时间）；默认为登记时，属于尚未开始的活动方案时为方案开始日' })
  startsOn?: string | null;

  @Field(() => TaskTargetInput, { nullable: true, description: '量化目标' })
  target?: TaskTargetInput | null;
}

@InputType({ description: '填报目标实际值' })
export class ReportTaskActualInput {
  @Field(() => ID)
  taskId!: string;

  @Field(() => Float, { description: '实际值（单位同目标）' })
  value!: number;

  @Field(() => String, { nullable: true, description: '统计日期（北京时间），默认今天；不得晚于今天' })
  measuredOn?: string | null;

  @Field(() => String, { nullable: true, description: '说明，至多200字' })
  note?: string | null;
}

@InputType({ description: '督办任务列表筛选；各条件同时满足' })
export class SupervisedTaskFilter {
  @Field(() => ID, { nullable: true, description: '行政区划代码（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => TaskStatus, { nullable: true, description: '不给则列出推进中和已完成的；已撤销的只在按 WITHDRAWN 筛选时列出' })
  status?: TaskStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'true：只要超期未完成的（亮红灯）；false：只要未超期的' })
  overdue?: boolean | null;

  @Field(() => Light, { nullable: true, description: '只要此灯色的未完成任务' })
  light?: Light | null;

  @Field(() => Boolean, { nullable: true, description: 'true：只要落后于目标进度的未完成任务' })
  behindTarget?: boolean | null;

  @Field(() => ID, { nullable: true, description: '牵头单位（任一牵头单位）' })
  leadUnitId?: string | null;

  @Field(() => ID, { nullable: true, description: '所属活动方案' })
  campaignId?: string | null;

  @Field(() => ID, { nullable: true, description: '所属专项行动' })
  specialActionId?: string | null;
}
