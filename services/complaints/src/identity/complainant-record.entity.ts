import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A complainant, kept apart from the complaint and encrypted: `sealed` is the whole identity
 * under the key named in `keyId` (never in the database). The indexes are keyed hashes that find
 * equal phone numbers, ID numbers and enterprise codes without decrypting anything.
 */
@Entity({ name: 'complainant' })
@Index('idx_complainant_phone', ['phoneIndex'])
@Index('idx_complainant_id_number', ['idNumberIndex'])
@Index('idx_complainant_credit_code', ['creditCodeIndex'])
export class ComplainantRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  complaintId!: string;

  @Column({ type: 'varchar', length: 16 })
  keyId!: string;

  @Column({ type: 'text' })
  sealed!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  phoneIndex!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  idNumberIndex!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  creditCodeIndex!: string | null;
}
