import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { GENESIS_HASH } from '@bizenv/common/audit-log';

/**
 * Complainants (encrypted, apart from complaints), the append-only audit log with its chain
 * head, and clue transfers. The database itself refuses UPDATE and DELETE on `audit_log`
 * (triggers); on MySQL also deny them to the application's user (README, whistleblower protection).
 */
export class ProtectionAndDiscipline1763900000005 implements MigrationInterface {
  name = 'ProtectionAndDiscipline1763900000005';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'complainant',
        columns: [
          { name: 'complaintId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'keyId', type: 'varchar', length: '16' },
          { name: 'sealed', type: 'text' },
          { name: 'phoneIndex', type: 'varchar', length: '64', isNullable: true },
          { name: 'idNumberIndex', type: 'varchar', length: '64', isNullable: true },
          { name: 'creditCodeIndex', type: 'varchar', length: '64', isNullable: true },
        ],
        indices: [
          { name: 'idx_complainant_phone', columnNames: ['phoneIndex'] },
          { name: 'idx_complainant_id_number', columnNames: ['idNumberIndex'] },
          { name: 'idx_complainant_credit_code', columnNames: ['creditCodeIndex'] },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'seq', type: 'int', isPrimary: true },
          { name: 'at', type: 'datetime', precision: 3 },
          { name: 'actorId', type: 'varchar', length: '64' },
          { name: 'actorName', type: 'varchar', length: '100' },
          { name: 'actorRoles', type: 'varchar', length: '200' },
          { name: 'actorRegion', type: 'varchar', length: '12' },
          { name: 'action', type: 'varchar', length: '32' },
          { name: 'targetId', type: 'varchar', length: '36', isNullable: true },
          { name: 'result', type: 'varchar', length: '16' },
          { name: 'detail', type: 'varchar', length: '500', isNullable: true },
          { name: 'prevHash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
        indices: [{ name: 'idx_audit_log_target', columnNames: ['targetId', 'seq'] }],
      }),
    );
    // The chain's head: one row, locked by each append so the chain never forks.
    await runner.createTable(
      new Table({
        name: 'audit_head',
        columns: [
          { name: 'id', type: 'int', isPrimary: true },
          { name: 'seq', type: 'int' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
      }),
    );
    await runner.query('INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, ?)', [GENESIS_HASH]);
    for (const event of ['UPDATE', 'DELETE']) {
      const name = `audit_log_no_${event.toLowerCase()}`;
      await runner.query(
        runner.connection.options.type === 'mysql'
          ? `CREATE TRIGGER ${name} BEFORE ${event} ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'`
          : `CREATE TRIGGER ${name} BEFORE ${event} ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
      );
    }
    await runner.createTable(
      new Table({
        name: 'clue_transfer',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'complaintId', type: 'varchar', length: '36' },
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'reason', type: 'text' },
          { name: 'proposedById', type: 'varchar', length: '64' },
          { name: 'proposedByName', type: 'varchar', length: '100' },
          { name: 'proposedAt', type: 'datetime', precision: 3 },
          { name: 'approverId', type: 'varchar', length: '64', isNullable: true },
          { name: 'approverName', type: 'varchar', length: '100', isNullable: true },
          { name: 'decidedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'declineReason', type: 'text', isNullable: true },
        ],
        indices: [
          { name: 'idx_clue_transfer_complaint', columnNames: ['complaintId', 'status'] },
          { name: 'idx_clue_transfer_region', columnNames: ['regionCode', 'proposedAt'] },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('clue_transfer');
    for (const name of ['audit_log_no_update', 'audit_log_no_delete']) await runner.query(`DROP TRIGGER IF EXISTS ${name}`);
    for (const table of ['audit_head', 'audit_log', 'complainant']) await runner.dropTable(table);
  }
}
