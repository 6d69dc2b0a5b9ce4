import { DEFAULT_YELLOW_WORKING_DAYS } from '@bizenv/common/lights';
import { Field, InputType, Int } from 'type-graphql';
import { Channel, ComplaintCategory } from '../complaint/complaint-enums.js';

@InputType('ComplaintDeadlineScopeInput', { description: '时限规则的适用范围：渠道、类别、两者，或都不填（默认规则）' })
export class DeadlineScopeInput {
  @Field(() => Channel, { nullable: true })
  channel?: Channel | null;

  @Field(() => ComplaintCategory, { nullable: true })
  category?: ComplaintCategory | null;
}

@InputType('SetComplaintDeadlineRuleInput', { description: '新增或修改一条时限规则；只对此后受理的投诉生效' })
export class SetDeadlineRuleInput extends DeadlineScopeInput {
  @Field(() => Int, { description: '答复期限，1–365个工作日，不长于办结期限' })
  replyWorkingDays!: number;

  @Field(() => Int, { description: '办结期限，1–365个工作日' })
  closeWorkingDays!: number;

  @Field(() => Int, { nullable: true, description: `黄灯提前量，1–10个工作日，默认${DEFAULT_YELLOW_WORKING_DAYS}` })
  yellowWorkingDays?: number | null;
}
