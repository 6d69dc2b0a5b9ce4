import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { DispatchStatus, Satisfaction } from '@bizenv/common/closed-loop';
import { ClosedLoopStepRecord } from '@bizenv/common/closed-loop-step';
import { ComplaintTimelineAction } from './complaint-enums.js';

/**
 * One step of a complaint's closed loop (办理记录), written in the same transaction as the step.
 * Staff and units only: nothing about the complainant is kept here.
 */
@Entity({ name: 'complaint_event_log' })
@Index('idx_complaint_event_log_complaint', ['complaintId', 'at'])
@Index('idx_complaint_event_log_at', ['at'])
@ObjectType({ description: '办理记录（一次闭环操作）' })
export class ComplaintTimelineEntry extends ClosedLoopStepRecord {
  @Column({ type: 'varchar', length: 36 })
  complaintId!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => ComplaintTimelineAction)
  action!: ComplaintTimelineAction;

  @Column({ type: 'varchar', length: 24, nullable: true })
  @Field(() => DispatchStatus, { nullable: true, description: '操作前状态（受理时为空）' })
  fromStatus!: DispatchStatus | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  @Field(() => Satisfaction, { nullable: true, description: '回访满意度（办结、重办时）' })
  satisfaction!: Satisfaction | null;

  /** 转办's co-units (协办单位), comma-separated. */
  @Column({ type: 'text', nullable: true })
  coUnitIds!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '协办意见，或合并、排除重复的说明' })
  note!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '操作时间（受理为受理时间）' })
  at!: Date;
}
