import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Unit } from '../unit/unit.js';

@ObjectType({ description: '一类事项的件数' })
export class ItemCounts {
  @Field(() => Int, { description: '总数' })
  total!: number;

  @Field(() => Int, { description: '已完成（任务已完成、问题已销号）' })
  closed!: number;

  @Field(() => Int, { description: '按期完成（问题以获批的整改完成申请时间计）' })
  closedOnTime!: number;

  @Field(() => Int, { description: '逾期完成' })
  closedLate!: number;

  @Field(() => Int, { description: '超期未完成' })
  openOverdue!: number;
}

@ObjectType({ description: '一个单位的考评结果' })
export class UnitEvaluation {
  @Field(() => Int, { description: '名次，按得分由高到低' })
  rank!: number;

  @Field(() => Unit)
  unit!: Unit;

  @Field(() => ItemCounts, { description: '牵头的督办任务' })
  tasks!: ItemCounts;

  @Field(() => ItemCounts, { description: '负责整改的问题' })
  problems!: ItemCounts;

  @Field(() => Float, { nullable: true, description: '按期完成率 = 按期完成 ÷（已完成 + 超期未完成）；尚无到期或完成的事项时为空' })
  onTimeRate!: number | null;

  @Field(() => Float, { nullable: true, description: '完成率 = 已完成 ÷ 总数' })
  completionRate!: number | null;

  @Field(() => Float, { description: '得分：按工作量修正的按期完成率（见 UnitEvaluationReport.priorWeight）' })
  score!: number;

  @Field(() => Boolean, { description: '列为整治重点' })
  focus!: boolean;

  @Field(() => String, { nullable: true, description: '列为整治重点的理由' })
  focusReason!: string | null;

  @Field(() => Boolean, { description: '可评一、二等奖（列为整治重点的单位不能评一、二等奖及进步奖）' })
  eligibleForTopPrize!: boolean;
}

@ObjectType({ description: '考评排名' })
export class UnitEvaluationReport {
  @Field(() => ID)
  regionCode!: string;

  @Field(() => ID, { nullable: true, description: '活动方案；为空则统计全部事项' })
  campaignId!: string | null;

  @Field(() => Date, { description: '统计时间' })
  at!: Date;

  @Field(() => Float, { description: '参与排名各单位合计的按期完成率（无事项时为1）' })
  averageOnTimeRate!: number;

  @Field(() => Int, {
    description: '得分 =（按期完成 + priorWeight × 平均按期完成率）÷（已完成 + 超期未完成 + priorWeight）：事项少的单位更接近平均，不会因一两件事项排到最前或最后',
  })
  priorWeight!: number;

  @Field(() => [UnitEvaluation], { description: '各单位，按名次；单位承办人只看到本单位一行' })
  units!: UnitEvaluation[];
}

@ObjectType({ description: '某日的亮灯数' })
export class DayLightCounts {
  @Field(() => String, { description: '日期（北京时间）；取当日24时（今天取当前时刻）的状态' })
  date!: string;

  @Field(() => Int)
  green!: number;

  @Field(() => Int)
  yellow!: number;

  @Field(() => Int)
  red!: number;
}

@ObjectType({ description: '一个单位的亮灯历史（任务与问题合计）' })
export class UnitLightsHistory {
  @Field(() => Unit)
  unit!: Unit;

  @Field(() => [DayLightCounts])
  days!: DayLightCounts[];
}
