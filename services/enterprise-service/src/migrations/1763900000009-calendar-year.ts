import { calendarYearTable } from '@bizenv/common/calendar-year';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The calendar years loaded at run time (published by organization), so a restart counts with them. */
export class CalendarYear1763900000009 implements MigrationInterface {
  name = 'CalendarYear1763900000009';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(calendarYearTable());
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('calendar_year');
  }
}
