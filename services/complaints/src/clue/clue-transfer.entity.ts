import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum ClueStatus {
  PROPOSED = 'PROPOSED',
  TRANSFERRED = 'TRANSFERRED',
  DECLINED = 'DECLINED',
}

registerEnumType(ClueStatus, {
  name: 'ClueStatus',
  description: '线索移交状态',
  valuesConfig: {
    PROPOSED: { description: '已提出，待纪委监委审批' },
    TRANSFERRED: { description: '已移交纪委监委：投诉此后仅纪委监委可见' },
    DECLINED: { description: '纪委监委未予接收（附理由）；可再次提出' },
  },
});

/**
 * 线索移交: a hotline operator proposes moving a complaint's misconduct clue to the discipline
 * commission, with a reason; a discipline inspector approves (the transfer) or declines it.
 * Its reasons and people are resolved in `ClueTransferResolver`, for inspectors and the
 * proposer only.
 */
@Entity({ name: 'clue_transfer' })
@Index('idx_clue_transfer_complaint', ['complaintId', 'status'])
@Index('idx_clue_transfer_region', ['regionCode', 'proposedAt'])
@ObjectType({ description: '线索移交记录（仅受理人员与纪委监委可见）' })
export class ClueTransfer {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  complaintId!: string;

  /** The complaint's region, for scoping lists of clues. */
  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => ClueStatus)
  status!: ClueStatus;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 64 })
  proposedById!: string;

  @Column({ type: 'varchar', length: 100 })
  proposedByName!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date)
  proposedAt!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  approverId!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  approverName!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: '审批时间' })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  declineReason!: string | null;
}
