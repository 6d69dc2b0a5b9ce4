import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What was done: each view of a complainant's identity (or attempt), and each step of a clue transfer. */
export enum AuditAction {
  COMPLAINANT_VIEW = 'COMPLAINANT_VIEW',
  CLUE_PROPOSE = 'CLUE_PROPOSE',
  CLUE_APPROVE = 'CLUE_APPROVE',
  CLUE_DECLINE = 'CLUE_DECLINE',
}

export enum AuditResult {
  ALLOWED = 'ALLOWED',
  DENIED = 'DENIED',
  /** Allowed, but it could not be done (e.g. the identity did not decrypt). */
  FAILED = 'FAILED',
}

/**
 * One row of the append-only audit log: who, when, what, on which complaint, with what result.
 * Rows are chained: `hash` covers the row and the previous row's hash, so an edited, removed or
 * reordered row breaks the chain at that row (`verifyAuditChain`).
 */
@Entity({ name: 'audit_log' })
@Index('idx_audit_log_target', ['targetId', 'seq'])
export class AuditEntry {
  /** Position in the chain, 1, 2, 3, … without gaps. */
  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ type: 'varchar', length: 64 })
  actorId!: string;

  @Column({ type: 'varchar', length: 100 })
  actorName!: string;

  /** The actor's roles, comma-separated, as they were at the time. */
  @Column({ type: 'varchar', length: 200 })
  actorRoles!: string;

  @Column({ type: 'varchar', length: 12 })
  actorRegion!: string;

  @Column({ type: 'varchar', length: 32 })
  action!: AuditAction;

  /** The complaint concerned. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  targetId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  result!: AuditResult;

  /** Why denied or failed, or the clue's reason: never the complainant's identity. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  detail!: string | null;

  @Column({ type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
