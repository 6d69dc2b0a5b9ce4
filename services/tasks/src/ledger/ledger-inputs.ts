import { Light } from '@bizenv/common/lights';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ProblemAction, ProblemSource, ProblemStatus } from './problem-enums.js';

const TIME_LIMIT = '整改时限：截止日期（北京时间），如 2026-08-31；期限为当日24时';

@InputType({ description: '自查报告中的一个问题：问题、原因、措施、责任人、时限（四清单的一行）' })
export class ReportProblemInput {
  @Field(() => String, { description: '问题，1–200字' })
  title!: string;

  @Field(() => String, { nullable: true, description: '具体表现，至多2000字' })
  description?: string | null;

  @Field(() => String, { description: '原因，1–2000字' })
  cause!: string;

  @Field(() => String, { description: '整改措施，1–2000字' })
  measures!: string;

  @Field(() => ID, { description: '责任人（本单位人员）' })
  responsiblePersonId!: string;

  @Field(() => String, { description: TIME_LIMIT })
  timeLimit!: string;
}

@InputType({ description: '提交一报告四清单：自查报告及其问题；全部通过校验才保存' })
export class SubmitSelfInspectionReportInput {
  @Field(() => ID, { description: '所属活动方案' })
  campaignId!: string;

  @Field(() => ID, { description: '自查单位；问题的责任单位即本单位' })
  unitId!: string;

  @Field(() => ID, { description: '自查单位所在行政区划代码' })
  regionCode!: string;

  @Field(() => String, { description: '报告标题，1–200字' })
  title!: string;

  @Field(() => String, { description: '自查情况，1–20000字' })
  content!: string;

  @Field(() => [ReportProblemInput], { description: '查摆出的问题，至多500个' })
  problems!: ReportProblemInput[];
}

@InputType({ description: '登记一个自查以外来源的问题（投诉举报、明察暗访、督查检查等）' })
export class RegisterProblemInput {
  @Field(() => ProblemSource, { description: '来源；自查问题请随自查报告提交' })
  source!: ProblemSource;

  @Field(() => String, { nullable: true, description: '来源编号，如投诉编号，至多100字' })
  sourceRef?: string | null;

  @Field(() => ID, { nullable: true, description: '所属活动方案' })
  campaignId?: string | null;

  @Field(() => ID, { description: '问题所在行政区划代码' })
  regionCode!: string;

  @Field(() => ID, { description: '责任单位' })
  responsibleUnitId!: string;

  @Field(() => ID, { nullable: true, description: '责任人' })
  responsiblePersonId?: string | null;

  @Field(() => String, { description: '问题，1–200字' })
  title!: string;

  @Field(() => String, { nullable: true, description: '具体表现，至多2000字' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: '原因，至多2000字' })
  cause?: string | null;

  @Field(() => String, { nullable: true, description: '整改措施，至多2000字' })
  measures?: string | null;

  @Field(() => String, { description: TIME_LIMIT })
  timeLimit!: string;
}

@InputType({ description: '对问题执行一项销号操作；各操作所需字段见 ProblemAction，多填或漏填均返回 BAD_USER_INPUT' })
export class ActOnProblemInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ProblemAction)
  action!: ProblemAction;

  @Field(() => Int, { description: '操作前看到的版本号；已被他人修改时返回 CONFLICT' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: '整改完成的佐证说明，1–2000字（申请销号时必填）' })
  evidence?: string | null;

  @Field(() => String, { nullable: true, description: '佐证材料的文件编号或链接，至多500字（申请销号时可填）' })
  evidenceFileRef?: string | null;

  @Field(() => String, { nullable: true, description: '理由，1–500字（退回时必填；销号时可作审核意见）' })
  reason?: string | null;
}

@InputType({ description: '整改台账筛选；各条件同时满足' })
export class RectificationLedgerFilter {
  @Field(() => ID, { nullable: true, description: '行政区划代码（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true, description: '责任单位' })
  unitId?: string | null;

  @Field(() => ProblemStatus, { nullable: true })
  status?: ProblemStatus | null;

  @Field(() => ID, { nullable: true, description: '所属活动方案' })
  campaignId?: string | null;

  @Field(() => ID, { nullable: true, description: '自查报告' })
  reportId?: string | null;

  @Field(() => ProblemSource, { nullable: true })
  source?: ProblemSource | null;

  @Field(() => Light, { nullable: true, description: '亮灯状态（只含未销号的问题）' })
  light?: Light | null;
}

@InputType({ description: '自查报告筛选；各条件同时满足' })
export class SelfInspectionReportFilter {
  @Field(() => ID, { nullable: true, description: '行政区划代码（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true, description: '自查单位' })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: '所属活动方案' })
  campaignId?: string | null;
}
