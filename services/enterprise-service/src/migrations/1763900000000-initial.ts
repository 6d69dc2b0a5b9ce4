import { deadlineWatermarkTable } from '@bizenv/common/deadline-watcher';
import { outboxTable } from '@bizenv/common/outbox';
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class Initial1763900000000 implements MigrationInterface {
  name = 'Initial1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'enterprise',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'creditCode', type: 'varchar', length: '18' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'isKey', type: 'boolean', default: false },
        ],
        indices: [
          { name: 'uq_enterprise_credit_code', columnNames: ['creditCode'], isUnique: true },
          { name: 'idx_enterprise_region', columnNames: ['regionCode'] },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'demand',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'enterpriseId', type: 'varchar', length: '36' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'unitId', type: 'varchar', length: '36', isNullable: true },
          { name: 'raisedAt', type: 'datetime', precision: 3 },
          { name: 'dueAt', type: 'datetime', precision: 3 },
          { name: 'deadlineProvisional', type: 'boolean', default: false },
          { name: 'status', type: 'varchar', length: '24' },
          { name: 'version', type: 'int', default: 1 },
        ],
        indices: [
          { name: 'idx_demand_region_status', columnNames: ['regionCode', 'status'] },
          { name: 'idx_demand_due', columnNames: ['dueAt'] },
        ],
      }),
    );
    await runner.createTable(outboxTable());
    await runner.createTable(deadlineWatermarkTable());
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['deadline_watermark', 'outbox_event', 'demand', 'enterprise']) await runner.dropTable(table);
  }
}
