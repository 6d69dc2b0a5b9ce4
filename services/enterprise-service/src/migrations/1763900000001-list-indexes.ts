import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The demand list sorts by when a demand was raised and filters by unit; a unit operator's
 * enterprise list looks up the enterprises of their unit's demands.
 */
export class ListIndexes1763900000001 implements MigrationInterface {
  name = 'ListIndexes1763900000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex('demand', new TableIndex({ name: 'idx_demand_unit_enterprise', columnNames: ['unitId', 'enterpriseId'] }));
    await runner.createIndex('demand', new TableIndex({ name: 'idx_demand_raised', columnNames: ['raisedAt'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('demand', 'idx_demand_raised');
    await runner.dropIndex('demand', 'idx_demand_unit_enterprise');
  }
}
