import { DispatchStatus, Satisfaction } from '@bizenv/common/closed-loop';
import { Light } from '@bizenv/common/lights';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ComplainantInput } from '../identity/complainant-input.js';
import { Channel, ComplaintAction, ComplaintCategory } from './complaint-enums.js';

@InputType({ description: '受理一件投诉举报' })
export class ReceiveComplaintInput {
  @Field(() => Channel)
  channel!: Channel;

  @Field(() => ComplaintCategory)
  category!: ComplaintCategory;

  @Field(() => String, { description: '标题，1–200字' })
  title!: string;

  @Field(() => String, { description: '内容，1–5000字' })
  content!: string;

  @Field(() => ID, { description: '事发地行政区划代码' })
  regionCode!: string;

  @Field(() => ID, { nullable: true, description: '被投诉单位（如有）：用于发现同一单位的重复投诉；不影响转办' })
  subjectUnitId?: string | null;

  @Field(() => Date, { nullable: true, description: '原始受理时间（从其他平台导入时填写）；默认为当前时间' })
  receivedAt?: Date | null;

  @Field(() => ComplainantInput, { nullable: true, description: '投诉人（加密保存，承办单位不可见）' })
  complainant?: ComplainantInput | null;

  @Field(() => String, {
    nullable: true,
    description: '幂等键（8–128位字母、数字或 _ . : -）：超时后用同一键重试，返回首次登记的投诉而不重复登记；24小时内有效，同一键用于不同内容时返回 IDEMPOTENCY_KEY_REUSED',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: '转办给承办单位' })
export class DispatchComplaintInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: '牵头单位' })
  unitId!: string;

  @Field(() => [ID], { nullable: true, description: '协办单位（至多10个，不含牵头单位）：可查看本件并填写协办意见' })
  coUnitIds?: string[] | null;

  @Field(() => Int, { description: '操作前看到的版本号；已被他人修改时返回 CONFLICT' })
  expectedVersion!: number;
}

@InputType({ description: '对投诉执行一项闭环操作；各操作所需字段见 ComplaintAction，多填或漏填均返回 BAD_USER_INPUT' })
export class ActOnComplaintInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ComplaintAction)
  action!: ComplaintAction;

  @Field(() => Int, { description: '操作前看到的版本号；已被他人修改时返回 CONFLICT' })
  expectedVersion!: number;

  @Field(() => ID, { nullable: true, description: '承办单位，即牵头单位（转办时必填）' })
  unitId?: string | null;

  @Field(() => [ID], { nullable: true, description: '协办单位（仅转办时可填，至多10个，不含牵头单位）：可查看本件并填写协办意见；签收、退回、答复由牵头单位办理，退回时一并解除' })
  coUnitIds?: string[] | null;

  @Field(() => String, { nullable: true, description: '理由，1–500字（退回、重办、不予受理时必填）' })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: '答复内容，1–5000字（答复时必填）' })
  reply?: string | null;

  @Field(() => Satisfaction, { nullable: true, description: '回访满意度（办结时必填）' })
  satisfaction?: Satisfaction | null;
}

@InputType({ description: '投诉列表筛选；各条件同时满足' })
export class ComplaintFilter {
  @Field(() => ID, { nullable: true, description: '事发地行政区划代码（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => DispatchStatus, { nullable: true })
  dispatchStatus?: DispatchStatus | null;

  @Field(() => Channel, { nullable: true })
  channel?: Channel | null;

  @Field(() => ComplaintCategory, { nullable: true })
  category?: ComplaintCategory | null;

  @Field(() => Boolean, { nullable: true, description: 'true：只要超期未办结的；false：只要未超期的' })
  overdue?: boolean | null;

  @Field(() => Light, { nullable: true, description: '只要亮该灯的未办结投诉：RED 同 overdue: true，YELLOW 为临期（与 complaintStats.dueSoon 同口径），GREEN 为其余未办结的' })
  light?: Light | null;

  @Field(() => ID, { nullable: true, description: '承办单位' })
  unitId?: string | null;
}
