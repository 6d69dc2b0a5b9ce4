import { fromSqlDate } from '@bizenv/common/sql-date';
import { officialCalendar } from '@bizenv/common/working-days';
import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { demandDeadlines } from '../demand/demand-deadline.js';

/**
 * Demands in the complaints' closed loop: the reply and close deadlines with the days they were
 * given, which one governs and when it turns yellow; the unit's reply and the enterprise's
 * rating; and the timeline (办理记录). Existing demands get their deadlines counted from when they
 * were raised (the packaged calendar); a replied or closed one is governed by its close deadline.
 */
export class DemandClosedLoop1763900000010 implements MigrationInterface {
  name = 'DemandClosedLoop1763900000010';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('demand', [
      new TableColumn({ name: 'replyDueAt', type: 'datetime', precision: 3, isNullable: true }),
      new TableColumn({ name: 'closeDueAt', type: 'datetime', precision: 3, isNullable: true }),
      new TableColumn({ name: 'dueKind', type: 'varchar', length: '8', default: "'REPLY'" }),
      new TableColumn({ name: 'yellowAt', type: 'datetime', precision: 3, isNullable: true }),
      new TableColumn({ name: 'replyWorkingDays', type: 'int', default: 5 }),
      new TableColumn({ name: 'closeWorkingDays', type: 'int', default: 30 }),
      new TableColumn({ name: 'yellowWorkingDays', type: 'int', default: 1 }),
      new TableColumn({ name: 'reply', type: 'text', isNullable: true }),
      new TableColumn({ name: 'satisfaction', type: 'varchar', length: '24', isNullable: true }),
    ]);
    const rows: { id: string; raisedAt: string | Date; status: string }[] = await runner.query('SELECT id, raisedAt, status FROM demand');
    for (const row of rows) {
      const answered = row.status === 'REPLIED' || row.status === 'CLOSED';
      const deadlines = demandDeadlines(fromSqlDate(row.raisedAt), officialCalendar, answered ? 'closeDueAt' : 'replyDueAt');
      await runner.manager.createQueryBuilder().update('demand').set(deadlines).where('id = :id', { id: row.id }).execute();
    }
    for (const column of ['replyDueAt', 'closeDueAt']) {
      await runner.changeColumn('demand', column, new TableColumn({ name: column, type: 'datetime', precision: 3 }));
    }
    await runner.createIndex('demand', new TableIndex({ name: 'idx_demand_yellow', columnNames: ['yellowAt'] }));
    await runner.createTable(
      new Table({
        name: 'demand_timeline_entry',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'demandId', type: 'varchar', length: '36' },
          { name: 'action', type: 'varchar', length: '16' },
          { name: 'fromStatus', type: 'varchar', length: '24' },
          { name: 'toStatus', type: 'varchar', length: '24' },
          { name: 'actorId', type: 'varchar', length: '64' },
          { name: 'actorName', type: 'varchar', length: '100' },
          { name: 'unitId', type: 'varchar', length: '36', isNullable: true },
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'reply', type: 'text', isNullable: true },
          { name: 'satisfaction', type: 'varchar', length: '24', isNullable: true },
          { name: 'at', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'idx_demand_timeline_demand', columnNames: ['demandId', 'at'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('demand_timeline_entry');
    await runner.dropIndex('demand', 'idx_demand_yellow');
    for (const column of ['satisfaction', 'reply', 'yellowWorkingDays', 'closeWorkingDays', 'replyWorkingDays', 'yellowAt', 'dueKind', 'closeDueAt', 'replyDueAt']) {
      await runner.dropColumn('demand', column);
    }
  }
}
