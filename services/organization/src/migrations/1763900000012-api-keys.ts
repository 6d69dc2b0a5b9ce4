import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class ApiKeys1763900000012 implements MigrationInterface {
  name = 'ApiKeys1763900000012';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'api_key',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'scopes', type: 'varchar', length: '400' },
          { name: 'secretHash', type: 'varchar', length: '64', isUnique: true },
          { name: 'lastFour', type: 'varchar', length: '4' },
          { name: 'createdBy', type: 'varchar', length: '64' },
          { name: 'createdByName', type: 'varchar', length: '64' },
          { name: 'createdAt', type: 'datetime', precision: 3 },
          { name: 'expiresAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'revokedAt', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [{ name: 'idx_api_key_region', columnNames: ['regionCode'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('api_key');
  }
}
