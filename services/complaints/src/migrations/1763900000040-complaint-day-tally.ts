import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { rebuildDayTally } from '../stats/day-tally.js';

/** Received and closed complaints per region and Shanghai day, for the screen's 30-day trend; backfilled here. */
export class ComplaintDayTally1763900000040 implements MigrationInterface {
  name = 'ComplaintDayTally1763900000040';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'complaint_day_tally',
        columns: [
          { name: 'regionCode', type: 'varchar', length: '12', isPrimary: true },
          { name: 'day', type: 'varchar', length: '10', isPrimary: true },
          { name: 'measure', type: 'varchar', length: '16', isPrimary: true },
          { name: 'count', type: 'int' },
        ],
        // the trend reads a range of days for a region prefix
        indices: [{ name: 'idx_complaint_day_tally_day', columnNames: ['day', 'regionCode'] }],
      }),
    );
    await rebuildDayTally(runner.manager);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('complaint_day_tally');
  }
}
