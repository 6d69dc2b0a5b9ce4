import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { Channel, ComplaintCategory } from './complaint-enums.js';
import type { DueKind } from '@bizenv/common/closed-loop-deadlines';

/** A complaint or report in the 12345 closed loop. The complainant's identity is not here. */
@Entity({ name: 'complaint' })
@Index('idx_complaint_region_status', ['regionCode', 'dispatchStatus'])
@Index('idx_complaint_due', ['dueAt'])
@Index('idx_complaint_unit', ['unitId'])
@Index('idx_complaint_received', ['receivedAt'])
@Index('idx_complaint_external', ['channel', 'externalId'], { unique: true })
@Index('idx_complaint_open', ['dispatchStatus', 'regionCode', 'dueAt', 'yellowAt', 'unitId'])
@ObjectType({ description: '投诉举报' })
@Directive('@key(fields: "id")')
export class Complaint {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => Channel)
  channel!: Channel;

  @Column({ type: 'varchar', length: 32 })
  @Field(() => ComplaintCategory)
  category!: ComplaintCategory;

  @Column({ type: 'varchar', length: 200 })
  @Field(() => String)
  title!: string;

  @Column({ type: 'text' })
  @Field(() => String)
  content!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  unitId!: string | null;

  /** 被投诉单位: the unit complained about, when the complaint names one (often not the unit that handles it). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  subjectUnitId!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '受理时间（从其他平台导入时为原始受理时间）' })
  receivedAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '答复期限（工作日计算，至当日24时）' })
  replyDueAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '办结期限' })
  closeDueAt!: Date;

  @Column({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '期限超出已公布的节假日安排，按工作日暂算' })
  deadlineProvisional!: boolean;

  /** The deadline that governs now: the reply deadline until replied, then the close deadline. */
  @Column({ type: 'datetime', precision: 3 })
  dueAt!: Date;

  // Deadlines (deadline-policy.ts): the rule and days they were counted with at receipt (a later
  // rule change leaves them be), which one governs, when it turns yellow, and an approved extension.
  @Column({ type: 'varchar', length: 64, nullable: true })
  deadlineRuleKey!: string | null;

  @Column({ type: 'int', default: 7 })
  replyWorkingDays!: number;

  @Column({ type: 'int', default: 30 })
  closeWorkingDays!: number;

  @Column({ type: 'int', default: 1 })
  yellowWorkingDays!: number;

  @Column({ type: 'varchar', length: 8, default: 'REPLY' })
  dueKind!: DueKind;

  /** Null only for rows written around the deadline policy (never by it): such an item is never yellow. */
  @Index('idx_complaint_yellow')
  @Column({ type: 'datetime', precision: 3, nullable: true })
  yellowAt!: Date | null;

  /** The close deadline is an approved extension's date (延期), no longer counted in working days. */
  @Column({ type: 'boolean', default: false })
  closeExtended!: boolean;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => DispatchStatus)
  dispatchStatus!: DispatchStatus;

  /** 原平台受理编号: set by an import, unique per channel, so importing a file again adds nothing. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '原平台受理编号（从12345等平台导入时）' })
  externalId!: string | null;

  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: '版本号：并发修改时用于检测冲突' })
  version!: number;
}
