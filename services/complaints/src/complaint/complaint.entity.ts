import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { Channel, ComplaintCategory } from './complaint-enums.js';

/** A complaint or report in the 12345 closed loop. The complainant's identity is not here. */
@Entity({ name: 'complaint' })
@Index('idx_complaint_region_status', ['regionCode', 'dispatchStatus'])
@Index('idx_complaint_due', ['dueAt'])
@Index('idx_complaint_unit', ['unitId'])
@Index('idx_complaint_received', ['receivedAt'])
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

  @Column({ type: 'varchar', length: 24 })
  @Field(() => DispatchStatus)
  dispatchStatus!: DispatchStatus;

  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: '版本号：并发修改时用于检测冲突' })
  version!: number;
}
