import { Table, type QueryRunner } from 'typeorm';
import { GENESIS_HASH } from './audit-log.js';

const TRIGGERS = ['UPDATE', 'DELETE'] as const;

/**
 * Creates an append-only audit log (`AuditEntry`) and its chain head in a migration. The database
 * itself refuses UPDATE and DELETE on `audit_log` (triggers); on MySQL also deny them to the
 * application's user (README, whistleblower protection).
 */
export async function createAuditTables(runner: QueryRunner): Promise<void> {
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
        { name: 'address', type: 'varchar', length: '45', isNullable: true },
        { name: 'prevHash', type: 'varchar', length: '64' },
        { name: 'hash', type: 'varchar', length: '64' },
      ],
      indices: [
        { name: 'idx_audit_log_target', columnNames: ['targetId', 'seq'] },
        { name: 'idx_audit_log_actor', columnNames: ['actorId', 'seq'] },
      ],
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
  await createAuditTriggers(runner);
}

export async function createAuditTriggers(runner: QueryRunner): Promise<void> {
  for (const event of TRIGGERS) {
    const name = `audit_log_no_${event.toLowerCase()}`;
    await runner.query(
      runner.connection.options.type === 'mysql'
        ? `CREATE TRIGGER ${name} BEFORE ${event} ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'`
        : `CREATE TRIGGER ${name} BEFORE ${event} ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    );
  }
}

export async function dropAuditTables(runner: QueryRunner): Promise<void> {
  for (const event of TRIGGERS) await runner.query(`DROP TRIGGER IF EXISTS audit_log_no_${event.toLowerCase()}`);
  for (const table of ['audit_head', 'audit_log']) await runner.dropTable(table);
}
