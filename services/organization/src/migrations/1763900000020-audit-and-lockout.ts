import { createAuditTables, dropAuditTables } from '@bizenv/common/audit-tables';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organization audit log (sign-ins, lockouts, role and account changes, API keys, denials:
 * append-only, hash-chained, triggers refuse UPDATE and DELETE), and each account's failed
 * sign-ins and lock. Plain ALTER TABLE on both databases.
 */
export class AuditAndLockout1763900000020 implements MigrationInterface {
  name = 'AuditAndLockout1763900000020';

  async up(runner: QueryRunner): Promise<void> {
    await createAuditTables(runner);
    await runner.query('ALTER TABLE person ADD COLUMN failedSignIns int NOT NULL DEFAULT 0');
    await runner.query('ALTER TABLE person ADD COLUMN failedSince datetime(3) NULL');
    await runner.query('ALTER TABLE person ADD COLUMN lockedUntil datetime(3) NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const column of ['lockedUntil', 'failedSince', 'failedSignIns']) await runner.query(`ALTER TABLE person DROP COLUMN ${column}`);
    await dropAuditTables(runner);
  }
}
