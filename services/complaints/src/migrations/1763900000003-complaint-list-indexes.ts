import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The complaint list sorts by receipt and filters by unit (unit operators always do). */
export class ComplaintListIndexes1763900000003 implements MigrationInterface {
  name = 'ComplaintListIndexes1763900000003';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex('complaint', new TableIndex({ name: 'idx_complaint_unit', columnNames: ['unitId'] }));
    await runner.createIndex('complaint', new TableIndex({ name: 'idx_complaint_received', columnNames: ['receivedAt'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('complaint', 'idx_complaint_received');
    await runner.dropIndex('complaint', 'idx_complaint_unit');
  }
}
