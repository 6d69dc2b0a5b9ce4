import { Entity, Index, PrimaryColumn } from 'typeorm';

/** A co-unit (协办单位) of a complaint: sees it and may add notes; the lead unit is `complaint.unitId`. */
@Entity({ name: 'complaint_co_unit' })
@Index('idx_complaint_co_unit_unit', ['unitId'])
export class ComplaintCoUnit {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  complaintId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  unitId!: string;
}
