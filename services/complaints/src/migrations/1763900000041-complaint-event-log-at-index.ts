import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The figures at 00:00 replay only the complaints with a step since: found by the steps' time. */
export class ComplaintEventLogAtIndex1763900000041 implements MigrationInterface {
  name = 'ComplaintEventLogAtIndex1763900000041';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex('complaint_event_log', new TableIndex({ name: 'idx_complaint_event_log_at', columnNames: ['at'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('complaint_event_log', 'idx_complaint_event_log_at');
  }
}
