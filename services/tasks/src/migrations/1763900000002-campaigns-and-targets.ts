import { now } from '@bizenv/common/clock';
import { fromSqlDate } from '@bizenv/common/sql-date';
import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { taskWarnAt } from '../task/task-light.js';

const id = (name: string) => ({ name, type: 'varchar', length: '36' });
const day = (name: string) => ({ name, type: 'varchar', length: '10' });
const instant = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });

/**
 * Campaigns with phases, special actions, several units per task, deadlines as rules, targets
 * with reported actuals, and progress reports owed per period.
 */
export class CampaignsAndTargets1763900000002 implements MigrationInterface {
  name = 'CampaignsAndTargets1763900000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('supervised_task', [
      new TableColumn({ ...id('campaignId'), isNullable: true }),
      new TableColumn({ ...id('specialActionId'), isNullable: true }),
      new TableColumn({ name: 'deadlineRule', type: 'varchar', length: '16', default: "'DATE'" }),
      new TableColumn(instant('createdAt', true)),
      new TableColumn(instant('completedAt', true)),
      new TableColumn(instant('startsAt', true)),
      new TableColumn({ name: 'targetBaseline', type: 'double', isNullable: true }),
      new TableColumn({ name: 'targetValue', type: 'double', isNullable: true }),
      new TableColumn({ name: 'targetUnit', type: 'varchar', length: '16', isNullable: true }),
      new TableColumn({ name: 'targetDirection', type: 'varchar', length: '4', isNullable: true }),
      new TableColumn({ name: 'targetText', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'latestActual', type: 'double', isNullable: true }),
      new TableColumn(instant('behindAt', true)),
      new TableColumn(instant('warnAt', true)),
    ]);
    await runner.createIndices('supervised_task', [
      new TableIndex({ name: 'idx_supervised_task_warn', columnNames: ['warnAt'] }),
      new TableIndex({ name: 'idx_supervised_task_behind', columnNames: ['behindAt'] }),
      new TableIndex({ name: 'idx_supervised_task_campaign_number', columnNames: ['campaignId', 'number'], isUnique: true }),
      new TableIndex({ name: 'idx_supervised_task_special_action', columnNames: ['specialActionId'] }),
    ]);
    await runner.createTable(
      new Table({
        name: 'supervised_task_unit',
        columns: [
          { ...id('taskId'), isPrimary: true },
          { ...id('unitId'), isPrimary: true },
          { name: 'role', type: 'varchar', length: '8' },
          { name: 'position', type: 'int' },
        ],
        indices: [{ name: 'idx_task_unit_unit', columnNames: ['unitId', 'role'] }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'task_actual',
        columns: [
          { ...id('id'), isPrimary: true },
          id('taskId'),
          day('measuredOn'),
          { name: 'value', type: 'double' },
          { name: 'note', type: 'varchar', length: '200', isNullable: true },
          { name: 'reporterId', type: 'varchar', length: '64' },
          { name: 'reporterName', type: 'varchar', length: '100' },
          { ...id('reporterUnitId'), isNullable: true },
          instant('reportedAt'),
        ],
        indices: [{ name: 'idx_task_actual_task', columnNames: ['taskId', 'measuredOn'] }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'campaign',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'issuingBody', type: 'varchar', length: '100' },
          { name: 'year', type: 'int' },
          { name: 'documentNumber', type: 'varchar', length: '64', isNullable: true },
          day('startsOn'),
          day('endsOn'),
          { name: 'reportCadence', type: 'varchar', length: '16', isNullable: true },
          instant('createdAt'),
        ],
        indices: [{ name: 'idx_campaign_region_starts', columnNames: ['regionCode', 'startsOn'] }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'campaign_phase',
        columns: [
          { ...id('id'), isPrimary: true },
          id('campaignId'),
          { name: 'position', type: 'int' },
          { name: 'name', type: 'varchar', length: '100' },
          day('startsOn'),
          day('endsOn'),
          { name: 'milestones', type: 'text' },
        ],
        indices: [{ name: 'idx_campaign_phase_campaign', columnNames: ['campaignId', 'position'] }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'special_action',
        columns: [
          { ...id('id'), isPrimary: true },
          id('campaignId'),
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'number', type: 'int' },
          { name: 'title', type: 'varchar', length: '200' },
          { ...id('leadLeaderId'), isNullable: true },
          { ...id('overallUnitId'), isNullable: true },
        ],
        indices: [{ name: 'idx_special_action_campaign', columnNames: ['campaignId', 'number'], isUnique: true }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'special_action_unit',
        columns: [
          { ...id('specialActionId'), isPrimary: true },
          { ...id('unitId'), isPrimary: true },
          { name: 'role', type: 'varchar', length: '8' },
          { name: 'position', type: 'int' },
        ],
        indices: [{ name: 'idx_special_action_unit_unit', columnNames: ['unitId'] }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'progress_report',
        columns: [
          { ...id('id'), isPrimary: true },
          id('taskId'),
          id('campaignId'),
          id('unitId'),
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'cadence', type: 'varchar', length: '16' },
          { name: 'period', type: 'varchar', length: '7' },
          { name: 'title', type: 'varchar', length: '200' },
          instant('dueAt'),
          instant('submittedAt', true),
          { name: 'content', type: 'text', isNullable: true },
          { name: 'submitterId', type: 'varchar', length: '64', isNullable: true },
          { name: 'submitterName', type: 'varchar', length: '100', isNullable: true },
        ],
        indices: [
          { name: 'idx_progress_report_obligation', columnNames: ['taskId', 'unitId', 'period'], isUnique: true },
          { name: 'idx_progress_report_due', columnNames: ['dueAt'] },
          { name: 'idx_progress_report_region', columnNames: ['regionCode', 'dueAt'] },
          { name: 'idx_progress_report_unit', columnNames: ['unitId', 'dueAt'] },
          { name: 'idx_progress_report_campaign', columnNames: ['campaignId', 'unitId', 'period'] },
        ],
      }),
    );
    await this.backfill(runner);
  }

  /** Existing tasks: their lead unit as their one unit, creation time unknown (now), yellow near the deadline. */
  private async backfill(runner: QueryRunner): Promise<void> {
    await runner.query("INSERT INTO supervised_task_unit (taskId, unitId, role, position) SELECT id, leadUnitId, 'LEAD', 0 FROM supervised_task");
    const manager = runner.manager;
    await manager.createQueryBuilder().update('supervised_task').set({ createdAt: now() }).execute();
    const rows: { id: string; deadline: string | Date }[] = await manager.createQueryBuilder().select(['t.id AS id', 't.deadline AS deadline']).from('supervised_task', 't').getRawMany();
    for (const row of rows) {
      const warnAt = taskWarnAt(fromSqlDate(row.deadline), null);
      await manager.createQueryBuilder().update('supervised_task').set({ warnAt }).where('id = :id', { id: row.id }).execute();
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['progress_report', 'special_action_unit', 'special_action', 'campaign_phase', 'campaign', 'task_actual', 'supervised_task_unit']) {
      await runner.dropTable(table);
    }
    for (const index of ['idx_supervised_task_warn', 'idx_supervised_task_behind', 'idx_supervised_task_campaign_number', 'idx_supervised_task_special_action']) {
      await runner.dropIndex('supervised_task', index);
    }
    for (const column of ['campaignId', 'specialActionId', 'deadlineRule', 'createdAt', 'completedAt', 'startsAt', 'targetBaseline', 'targetValue', 'targetUnit', 'targetDirection', 'targetText', 'latestActual', 'behindAt', 'warnAt']) {
      await runner.dropColumn('supervised_task', column);
    }
  }
}
