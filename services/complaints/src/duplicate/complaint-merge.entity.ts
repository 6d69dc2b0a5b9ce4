import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** 合并: the duplicate was closed into the survivor; both keep their timelines. */
@Entity({ name: 'complaint_merge' })
@Index('idx_complaint_merge_into', ['intoId'])
export class ComplaintMerge {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  duplicateId!: string;

  @Column({ type: 'varchar', length: 36 })
  intoId!: string;

  @Column({ type: 'datetime', precision: 3 })
  mergedAt!: Date;
}
