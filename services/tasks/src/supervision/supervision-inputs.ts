import { Field, ID, InputType, Int } from 'type-graphql';
import { BulletinVerdict, SupervisionLevel, SupervisionStatus, SupervisionTargetKind } from './supervision-enums.js';

const DAYS = '回复期限（工作日，1–30）；不填按级别默认：催办3个、督办单5个、挂牌督办5个、通报5个工作日';
const SKIP = '越级理由，1–500字：越过中间级别时必填，逐级升级时不填';
const BULLETIN = '点名批评该单位的通报（级别为 BULLETIN 时必填）';

@InputType({ description: '对一项未完成的任务或未销号的问题发起督办' })
export class SuperviseItemInput {
  @Field(() => SupervisionTargetKind)
  targetKind!: SupervisionTargetKind;

  @Field(() => ID, { description: '任务或问题的编号' })
  targetId!: string;

  @Field(() => SupervisionLevel, { description: '起始级别；通常为 REMINDER（催办），更高须填越级理由' })
  level!: SupervisionLevel;

  @Field(() => String, { description: '督办理由，1–500字' })
  reason!: string;

  @Field(() => String, { nullable: true, description: SKIP })
  skipReason?: string | null;

  @Field(() => Int, { nullable: true, description: DAYS })
  responseWorkingDays?: number | null;

  @Field(() => ID, { nullable: true, description: BULLETIN })
  bulletinId?: string | null;
}

@InputType({ description: '升级督办：只能升到更高级别，越级须说明理由' })
export class EscalateSupervisionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '操作前看到的版本号；已被他人修改时返回 CONFLICT' })
  expectedVersion!: number;

  @Field(() => SupervisionLevel)
  level!: SupervisionLevel;

  @Field(() => String, { description: '升级理由，1–500字' })
  reason!: string;

  @Field(() => String, { nullable: true, description: SKIP })
  skipReason?: string | null;

  @Field(() => Int, { nullable: true, description: DAYS })
  responseWorkingDays?: number | null;

  @Field(() => ID, { nullable: true, description: BULLETIN })
  bulletinId?: string | null;
}

@InputType({ description: '单位回复督办' })
export class RespondToSupervisionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '操作前看到的版本号；已被他人修改时返回 CONFLICT' })
  expectedVersion!: number;

  @Field(() => String, { description: '回复内容（整改进展），1–2000字' })
  response!: string;
}

@InputType({ description: '解除督办' })
export class CloseSupervisionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '操作前看到的版本号；已被他人修改时返回 CONFLICT' })
  expectedVersion!: number;

  @Field(() => String, { description: '解除理由，1–500字' })
  reason!: string;
}

@InputType({ description: '督办事项筛选；各条件同时满足' })
export class SupervisionFilter {
  @Field(() => ID, { nullable: true, description: '行政区划代码（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true, description: '被督办单位' })
  unitId?: string | null;

  @Field(() => SupervisionLevel, { nullable: true })
  level?: SupervisionLevel | null;

  @Field(() => SupervisionStatus, { nullable: true })
  status?: SupervisionStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'true：只要过了回复期限仍未回复的；false：其余' })
  overdue?: boolean | null;

  @Field(() => ID, { nullable: true, description: '被督办的任务或问题' })
  targetId?: string | null;
}

@InputType({ description: '通报点名的一个单位' })
export class BulletinEntryInput {
  @Field(() => ID)
  unitId!: string;

  @Field(() => BulletinVerdict)
  verdict!: BulletinVerdict;

  @Field(() => String, { description: '评语，1–500字' })
  note!: string;
}

@InputType({ description: '发布一份通报（督办人员）' })
export class PublishBulletinInput {
  @Field(() => ID, { description: '通报范围的行政区划代码' })
  regionCode!: string;

  @Field(() => ID, { nullable: true, description: '所属活动方案' })
  campaignId?: string | null;

  @Field(() => String, { description: '标题，1–200字' })
  title!: string;

  @Field(() => String, { description: '正文，1–20000字' })
  content!: string;

  @Field(() => [BulletinEntryInput], { description: '点名表扬或批评的单位，1–200个，同一单位只出现一次' })
  entries!: BulletinEntryInput[];
}

@InputType({ description: '通报筛选' })
export class BulletinFilter {
  @Field(() => ID, { nullable: true, description: '行政区划代码（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true, description: '点名的单位' })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: '所属活动方案' })
  campaignId?: string | null;
}

@InputType({ description: '登记一次约谈' })
export class RecordAdmonishingTalkInput {
  @Field(() => ID, { description: '被约谈单位' })
  unitId!: string;

  @Field(() => ID, { description: '被约谈单位所在行政区划代码' })
  regionCode!: string;

  @Field(() => ID, { nullable: true, description: '所属活动方案' })
  campaignId?: string | null;

  @Field(() => ID, { description: '被约谈人（单位负责人）' })
  personId!: string;

  @Field(() => ID, { nullable: true, description: '约谈人（领导）' })
  conductedById?: string | null;

  @Field(() => String, { description: '约谈日期，如 2026-07-15；不能晚于今天' })
  talkDate!: string;

  @Field(() => String, { description: '约谈事由，1–2000字' })
  reason!: string;

  @Field(() => String, { description: '约谈结果，1–2000字' })
  outcome!: string;
}

@InputType({ description: '约谈记录筛选' })
export class AdmonishingTalkFilter {
  @Field(() => ID, { nullable: true, description: '行政区划代码（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true, description: '被约谈单位' })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: '所属活动方案' })
  campaignId?: string | null;
}
