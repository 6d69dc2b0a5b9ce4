import { DispatchStatus } from '@bizenv/common/closed-loop';
import { Light, lightOf } from '@bizenv/common/lights';
import { Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { Complaint } from '../complaint/complaint.entity.js';

@ObjectType({ description: '投诉期限的依据：受理时适用的时限规则及其天数（此后修改规则不影响本件）' })
export class ComplaintDeadlineBasis {
  @Field(() => String, { nullable: true, description: '适用的规则标识（渠道/类别）；规则可在运行时修改之前受理的投诉为空' })
  ruleKey!: string | null;

  @Field(() => Int, { description: '答复期限（工作日）' })
  replyWorkingDays!: number;

  @Field(() => Int, { description: '办结期限（工作日）' })
  closeWorkingDays!: number;

  @Field(() => Int, { description: '黄灯提前量（工作日）' })
  yellowWorkingDays!: number;

  @Field(() => Boolean, { description: '办结期限已经批准延期（此时办结期限为批准的日期，不再按工作日计算）' })
  closeExtended!: boolean;
}

/** The deadline fields every reader of a complaint sees: the one in force, its light and its basis. */
@Resolver(() => Complaint)
export class ComplaintDeadlineResolver {
  @FieldResolver(() => Date, { description: '当前适用的期限：答复前为答复期限，答复后为办结期限' })
  dueAt(@Root() complaint: Complaint): Date {
    return complaint.dueAt;
  }

  @FieldResolver(() => Light, { nullable: true, description: '亮灯：红灯超期，黄灯临近当前期限，绿灯按期；已办结为空' })
  light(@Root() complaint: Complaint): Light | null {
    return complaint.dispatchStatus === DispatchStatus.CLOSED ? null : lightOf(complaint);
  }

  @FieldResolver(() => ComplaintDeadlineBasis)
  deadlineBasis(@Root() complaint: Complaint): ComplaintDeadlineBasis {
    return {
      ruleKey: complaint.deadlineRuleKey,
      replyWorkingDays: complaint.replyWorkingDays,
      closeWorkingDays: complaint.closeWorkingDays,
      yellowWorkingDays: complaint.yellowWorkingDays,
      closeExtended: complaint.closeExtended,
    };
  }
}
