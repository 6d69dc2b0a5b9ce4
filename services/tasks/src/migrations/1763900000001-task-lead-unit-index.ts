import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The task list filters by lead unit (and unit operators always do). */
export class TaskLeadUnitIndex1763900000001 implements MigrationInterface {
  name = 'TaskLeadUnitIndex1763900000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex('supervised_task', new TableIndex({ name: 'idx_supervised_task_lead_unit', columnNames: ['leadUnitId'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('supervised_task', 'idx_supervised_task_lead_unit');
  }
}
