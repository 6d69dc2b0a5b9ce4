import { deadlineWatermarkTable } from '@bizenv/common/deadline-watcher';
import { outboxTable } from '@bizenv/common/outbox';
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class Initial1763900000000 implements MigrationInterface {
  name = 'Initial1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'complaint',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'channel', type: 'varchar', length: '24' },
          { name: 'category', type: 'varchar', length: '32' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'content', type: 'text' },
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'unitId', type: 'varchar', length: '36', isNullable: true },
          { name: 'receivedAt', type: 'datetime', precision: 3 },
          { name: 'replyDueAt', type: 'datetime', precision: 3 },
          { name: 'closeDueAt', type: 'datetime', precision: 3 },
          { name: 'deadlineProvisional', type: 'boolean', default: false },
          { name: 'dueAt', type: 'datetime', precision: 3 },
          { name: 'dispatchStatus', type: 'varchar', length: '24' },
          { name: 'version', type: 'int', default: 1 },
        ],
        indices: [
          { name: 'idx_complaint_region_status', columnNames: ['regionCode', 'dispatchStatus'] },
          { name: 'idx_complaint_due', columnNames: ['dueAt'] },
        ],
      }),
    );
    await runner.createTable(outboxTable());
    await runner.createTable(deadlineWatermarkTable());
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['deadline_watermark', 'outbox_event', 'complaint']) await runner.dropTable(table);
  }
}
