import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A write made with a client's idempotency key: what was asked (a hash) and what it created, until it expires. */
@Entity({ name: 'idempotency_key' })
@Index('idx_idempotency_key_expires', ['expiresAt'])
export class IdempotencyRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  callerId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  operation!: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  key!: string;

  /** SHA-256 of the request's input without the key: a retry must ask the same. */
  @Column({ type: 'varchar', length: 64 })
  requestHash!: string;

  /** Filled in the same transaction as the write, before it commits. */
  @Column({ type: 'varchar', length: 64 })
  resultId!: string;

  @Column({ type: 'datetime', precision: 3 })
  expiresAt!: Date;
}
