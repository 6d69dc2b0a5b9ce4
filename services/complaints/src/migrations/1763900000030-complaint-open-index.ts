import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Overdue, due-soon and overdue-per-unit counts read open complaints only: status first (the
 * open statuses as a list), then the region prefix, and the deadline columns and unit in the
 * index itself, so a count never reads the closed complaints of past years.
 */
export class ComplaintOpenIndex1763900000030 implements MigrationInterface {
  name = 'ComplaintOpenIndex1763900000030';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex('complaint', new TableIndex({ name: 'idx_complaint_open', columnNames: ['dispatchStatus', 'regionCode', 'dueAt', 'yellowAt', 'unitId'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('complaint', 'idx_complaint_open');
  }
}
