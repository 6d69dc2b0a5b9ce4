import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { rebuildTally } from '../complaint/complaint-tally.js';

export class ComplaintTally1763900000001 implements MigrationInterface {
  name = 'ComplaintTally1763900000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'complaint_tally',
        columns: [
          { name: 'regionCode', type: 'varchar', length: '12', isPrimary: true },
          { name: 'dispatchStatus', type: 'varchar', length: '24', isPrimary: true },
          { name: 'count', type: 'int' },
        ],
      }),
    );
    await rebuildTally(runner.manager);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('complaint_tally');
  }
}
