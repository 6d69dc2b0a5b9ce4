import { Field, ID, InputType, Int } from 'type-graphql';

@InputType('RequestComplaintExtensionInput', { description: '申请延期（承办单位，仅本单位承办、已签收的投诉，须在办结期限届满前）' })
export class RequestExtensionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: '理由，1–500字：特别重大或特殊情况的说明' })
  reason!: string;

  @Field(() => String, { description: '延至日期（YYYY-MM-DD，上海时间当日24时）：晚于现办结期限，最迟为受理之日起3个月的对应日' })
  until!: string;

  @Field(() => Int, { description: '操作前看到的版本号；已被他人修改时返回 CONFLICT' })
  expectedVersion!: number;
}

@InputType('DecideComplaintExtensionInput', { description: '审批延期申请（热线受理员）' })
export class DecideExtensionInput {
  @Field(() => ID, { description: '投诉编号' })
  id!: string;

  @Field(() => Int, { description: '操作前看到的版本号；已被他人修改时返回 CONFLICT' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: '审批意见，1–500字；不予批准时必填' })
  note?: string | null;
}
