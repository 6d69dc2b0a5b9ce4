import { calendarYearTable } from '@bizenv/common/calendar-year';
import { now } from '@bizenv/common/clock';
import { fromSqlDate } from '@bizenv/common/sql-date';
import { yellowAt } from '@bizenv/common/lights';
import { officialCalendar } from '@bizenv/common/working-days';
import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Channel } from '../complaint/complaint-enums.js';
import { DEFAULT_DEADLINE_RULES } from '../deadline/deadline-rules.js';

/**
 * Deadlines at run time: the deadline table and its change log, the rule and days each complaint
 * was given, the yellow light's time, extensions (延期), and the calendar years loaded at run time.
 * Existing complaints keep their deadlines; they are described by the days the code gave them
 * before (reply 5 working days on the 967788 hotline, otherwise 7; close 30).
 */
export class DeadlineRules1763900000004 implements MigrationInterface {
  name = 'DeadlineRules1763900000004';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('complaint', [
      new TableColumn({ name: 'deadlineRuleKey', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'replyWorkingDays', type: 'int', default: 7 }),
      new TableColumn({ name: 'closeWorkingDays', type: 'int', default: 30 }),
      new TableColumn({ name: 'yellowWorkingDays', type: 'int', default: 1 }),
      new TableColumn({ name: 'dueKind', type: 'varchar', length: '8', default: "'REPLY'" }),
      new TableColumn({ name: 'yellowAt', type: 'datetime', precision: 3, isNullable: true }),
      new TableColumn({ name: 'closeExtended', type: 'boolean', default: false }),
    ]);
    await runner.query('UPDATE complaint SET replyWorkingDays = 5 WHERE channel = ?', [Channel.HOTLINE_967788]);
    await runner.query("UPDATE complaint SET dueKind = 'CLOSE' WHERE dueAt = closeDueAt AND dueAt <> replyDueAt");
    // One update per deadline day, not per complaint.
    const dues: { dueAt: string | Date }[] = await runner.query('SELECT DISTINCT dueAt FROM complaint');
    for (const { dueAt } of dues) {
      const due = fromSqlDate(dueAt);
      await runner.manager
        .createQueryBuilder()
        .update('complaint')
        .set({ yellowAt: yellowAt(due, 1, officialCalendar) })
        .where('dueAt = :due', { due })
        .execute();
    }
    await runner.createIndex('complaint', new TableIndex({ name: 'idx_complaint_yellow', columnNames: ['yellowAt'] }));

    await runner.createTable(
      new Table({
        name: 'complaint_deadline_rule',
        columns: [
          { name: 'key', type: 'varchar', length: '64', isPrimary: true },
          { name: 'channel', type: 'varchar', length: '24', isNullable: true },
          { name: 'category', type: 'varchar', length: '32', isNullable: true },
          { name: 'replyWorkingDays', type: 'int' },
          { name: 'closeWorkingDays', type: 'int' },
          { name: 'yellowWorkingDays', type: 'int' },
          { name: 'updatedAt', type: 'datetime', precision: 3 },
          { name: 'updatedBy', type: 'varchar', length: '100' },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'complaint_deadline_rule_change',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'ruleKey', type: 'varchar', length: '64' },
          { name: 'channel', type: 'varchar', length: '24', isNullable: true },
          { name: 'category', type: 'varchar', length: '32', isNullable: true },
          { name: 'replyWorkingDays', type: 'int' },
          { name: 'closeWorkingDays', type: 'int' },
          { name: 'yellowWorkingDays', type: 'int' },
          { name: 'actorId', type: 'varchar', length: '64' },
          { name: 'actorName', type: 'varchar', length: '100' },
          { name: 'at', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'idx_deadline_rule_change_at', columnNames: ['at'] }],
      }),
    );
    const at = now();
    const system = { id: 'system', name: '系统初始化（实施方案规定的时限）' };
    for (const rule of DEFAULT_DEADLINE_RULES) {
      const days = { replyWorkingDays: rule.replyWorkingDays, closeWorkingDays: rule.closeWorkingDays, yellowWorkingDays: rule.yellowWorkingDays };
      const scope = { channel: rule.channel, category: rule.category };
      const insert = (table: string, values: Record<string, unknown>) => runner.manager.createQueryBuilder().insert().into(table).values(values).execute();
      await insert('complaint_deadline_rule', { key: rule.key, ...scope, ...days, updatedAt: at, updatedBy: system.name });
      await insert('complaint_deadline_rule_change', { kind: 'SET', ruleKey: rule.key, ...scope, ...days, actorId: system.id, actorName: system.name, at });
    }

    await runner.createTable(
      new Table({
        name: 'complaint_extension',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'complaintId', type: 'varchar', length: '36' },
          { name: 'unitId', type: 'varchar', length: '36', isNullable: true },
          { name: 'reason', type: 'text' },
          { name: 'requestedUntil', type: 'varchar', length: '10' },
          { name: 'requestedById', type: 'varchar', length: '64' },
          { name: 'requestedByName', type: 'varchar', length: '100' },
          { name: 'requestedAt', type: 'datetime', precision: 3 },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'decidedById', type: 'varchar', length: '64', isNullable: true },
          { name: 'decidedByName', type: 'varchar', length: '100', isNullable: true },
          { name: 'decidedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'decisionNote', type: 'text', isNullable: true },
          { name: 'previousCloseDueAt', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'idx_complaint_extension_complaint', columnNames: ['complaintId', 'requestedAt'] }],
      }),
    );
    await runner.createTable(calendarYearTable());
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['calendar_year', 'complaint_extension', 'complaint_deadline_rule_change', 'complaint_deadline_rule']) await runner.dropTable(table);
    await runner.dropIndex('complaint', 'idx_complaint_yellow');
    for (const column of ['closeExtended', 'yellowAt', 'dueKind', 'yellowWorkingDays', 'closeWorkingDays', 'replyWorkingDays', 'deadlineRuleKey']) {
      await runner.dropColumn('complaint', column);
    }
  }
}
