import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The figures at 00:00 replay only the demands with a step since: found by the steps' time. */
export class DemandTimelineAtIndex1763900000040 implements MigrationInterface {
  name = 'DemandTimelineAtIndex1763900000040';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex('demand_timeline_entry', new TableIndex({ name: 'idx_demand_timeline_entry_at', columnNames: ['at'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('demand_timeline_entry', 'idx_demand_timeline_entry_at');
  }
}
