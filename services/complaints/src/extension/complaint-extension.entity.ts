import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum ExtensionStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

registerEnumType(ExtensionStatus, {
  name: 'ComplaintExtensionStatus',
  description: '延期申请状态',
  valuesConfig: { PENDING: { description: '待审批' }, APPROVED: { description: '已批准' }, REJECTED: { description: '未批准' } },
});

/**
 * 延期申请: "especially serious or special" complaints may be closed within 3 months of receipt,
 * by approval only [003]. The handling unit asks, a hotline operator decides; both are kept.
 */
@Entity({ name: 'complaint_extension' })
@Index('idx_complaint_extension_complaint', ['complaintId', 'requestedAt'])
@ObjectType({ description: '延期申请（特别重大或特殊情况，经批准可延至受理之日起3个月内办结）' })
export class ComplaintExtension {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  complaintId!: string;

  /** The unit that asked. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  unitId!: string | null;

  @Column({ type: 'text' })
  @Field(() => String, { description: '申请理由' })
  reason!: string;

  @Column({ type: 'varchar', length: 10 })
  @Field(() => String, { description: '申请延至（YYYY-MM-DD，当日24时）' })
  requestedUntil!: string;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => ID, { description: '申请人账号' })
  requestedById!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '申请人姓名' })
  requestedByName!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date)
  requestedAt!: Date;

  @Column({ type: 'varchar', length: 12 })
  @Field(() => ExtensionStatus)
  status!: ExtensionStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  @Field(() => ID, { nullable: true, description: '审批人账号' })
  decidedById!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: '审批人姓名' })
  decidedByName!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '审批意见（不予批准时必填）' })
  decisionNote!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '申请时的办结期限' })
  previousCloseDueAt!: Date;
}
