import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log's entity is shared with the organization subgraph (common/audit-entry.entity),
 * which records client addresses. Plain ALTER TABLE on both databases: SQLite keeps the table
 * and its append-only triggers (TypeORM's addColumn would rebuild the table without them).
 */
export class AuditAddress1763900000020 implements MigrationInterface {
  name = 'AuditAddress1763900000020';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE audit_log ADD COLUMN address varchar(45) NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE audit_log DROP COLUMN address');
  }
}
