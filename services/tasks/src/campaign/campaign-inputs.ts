import { Field, ID, InputType, Int } from 'type-graphql';
import { ReportCadence } from '../report/report-period.js';
import { CampaignStatus } from './campaign-calendar.js';

@InputType({ description: '时间节点' })
export class MilestoneInput {
  @Field(() => String, { description: '节点日期，须在本阶段内，如 2026-06-30' })
  on!: string;

  @Field(() => String, { description: '节点内容，1–200字' })
  title!: string;
}

@InputType({ description: '活动阶段；各阶段按时间先后给出，互不重叠，且在方案起止日期之内' })
export class CampaignPhaseInput {
  @Field(() => String, { description: '阶段名称，1–100字，如“集中攻坚”' })
  name!: string;

  @Field(() => String, { description: '开始日期，如 2026-04-11' })
  startsOn!: string;

  @Field(() => String, { description: '结束日期（含当日），如 2026-10-31' })
  endsOn!: string;

  @Field(() => [MilestoneInput], { nullable: true })
  milestones?: MilestoneInput[] | null;
}

@InputType({ description: '登记活动方案（实施方案）' })
export class CreateCampaignInput {
  @Field(() => ID, { description: '方案适用的行政区划' })
  regionCode!: string;

  @Field(() => String, { description: '方案名称，1–200字' })
  title!: string;

  @Field(() => String, { description: '印发机关，1–100字' })
  issuingBody!: string;

  @Field(() => Int, { description: '年度' })
  year!: number;

  @Field(() => String, { nullable: true, description: '文号，至多64字' })
  documentNumber?: string | null;

  @Field(() => String, { description: '开始日期（北京时间），如 2026-03-01' })
  startsOn!: string;

  @Field(() => String, { description: '结束日期（含当日），如 2026-12-31' })
  endsOn!: string;

  @Field(() => ReportCadence, { nullable: true, description: '牵头单位报送进度的周期；不给则不要求定期报送' })
  reportCadence?: ReportCadence | null;

  @Field(() => [CampaignPhaseInput], { description: '阶段，1–12个' })
  phases!: CampaignPhaseInput[];
}

@InputType({ description: '活动方案列表筛选' })
export class CampaignFilter {
  @Field(() => ID, { nullable: true, description: '行政区划代码（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => CampaignStatus, { nullable: true, description: '按今天（北京时间）的进展筛选' })
  status?: CampaignStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'true：只列已撤销的方案；不给或 false：只列未撤销的' })
  withdrawn?: boolean | null;
}

@InputType({ description: '修改活动方案：只改给出的字段，各字段按登记时的同一规则校验；报送周期不可修改' })
export class UpdateCampaignInput {
  @Field(() => String, { nullable: true, description: '方案名称，1–200字' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: '印发机关，1–100字' })
  issuingBody?: string | null;

  @Field(() => Int, { nullable: true, description: '年度，2000–2100' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: '文号，至多64字；传 null 或空串清除，不传则不变' })
  documentNumber?: string | null;

  @Field(() => String, { nullable: true, description: '开始日期（北京时间）；各阶段须仍在方案起止日期之内' })
  startsOn?: string | null;

  @Field(() => String, { nullable: true, description: '结束日期（含当日）；推进中任务尚未到期的进度报告随之增减' })
  endsOn?: string | null;

  @Field(() => [CampaignPhaseInput], { nullable: true, description: '阶段，1–12个；给出即整体替换' })
  phases?: CampaignPhaseInput[] | null;
}
