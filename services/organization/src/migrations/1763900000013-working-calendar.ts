import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Years of the official holiday schedule loaded at run time (the packaged years are not stored). */
export class WorkingCalendar1763900000013 implements MigrationInterface {
  name = 'WorkingCalendar1763900000013';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'working_calendar_year',
        columns: [
          { name: 'year', type: 'int', isPrimary: true },
          { name: 'holidays', type: 'text' },
          { name: 'workdays', type: 'text' },
          { name: 'source', type: 'varchar', length: '200' },
          { name: 'loadedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'loadedById', type: 'varchar', length: '64', isNullable: true },
          { name: 'loadedBy', type: 'varchar', length: '100', isNullable: true },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('working_calendar_year');
  }
}
