import { outboxTable } from '@bizenv/common/outbox';
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class Initial1763900000000 implements MigrationInterface {
  name = 'Initial1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'region',
        columns: [
          { name: 'code', type: 'varchar', length: '12', isPrimary: true },
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'level', type: 'varchar', length: '16' },
          { name: 'parentCode', type: 'varchar', length: '12', isNullable: true },
        ],
        indices: [{ name: 'idx_region_parent', columnNames: ['parentCode'] }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'unit',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'regionCode', type: 'varchar', length: '12' },
        ],
        indices: [{ name: 'idx_unit_region', columnNames: ['regionCode'] }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'app_user',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'username', type: 'varchar', length: '64', isUnique: true },
          { name: 'displayName', type: 'varchar', length: '64' },
          { name: 'passwordHash', type: 'varchar', length: '200' },
          { name: 'roles', type: 'varchar', length: '200' },
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'unitId', type: 'varchar', length: '36', isNullable: true },
        ],
      }),
    );
    await runner.createTable(outboxTable());
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['outbox_event', 'app_user', 'unit', 'region']) await runner.dropTable(table);
  }
}
