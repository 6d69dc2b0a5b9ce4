import { deadlineWatermarkTable } from '@bizenv/common/deadline-watcher';
import { outboxTable } from '@bizenv/common/outbox';
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class Initial1763900000000 implements MigrationInterface {
  name = 'Initial1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'supervised_task',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'number', type: 'int' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'leadUnitId', type: 'varchar', length: '36' },
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'deadline', type: 'datetime', precision: 3 },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'version', type: 'int', default: 1 },
        ],
        indices: [
          { name: 'idx_supervised_task_region_status', columnNames: ['regionCode', 'status'] },
          { name: 'idx_supervised_task_deadline', columnNames: ['deadline'] },
        ],
      }),
    );
    await runner.createTable(outboxTable());
    await runner.createTable(deadlineWatermarkTable());
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['deadline_watermark', 'outbox_event', 'supervised_task']) await runner.dropTable(table);
  }
}
