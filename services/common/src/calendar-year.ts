import { Column, Entity, PrimaryColumn, Table } from 'typeorm';
import { isIsoDate, type YearSchedule } from './working-days.js';

/** Published by organization when an administrator loads a year's schedule; payload: `PublishedYear`. */
export const CALENDAR_YEAR_LOADED = 'calendar.year-loaded';

/** A year's official schedule as organization holds and publishes it. */
export interface PublishedYear extends YearSchedule {
  source: string;
  /** ISO time it was loaded in organization. */
  loadedAt: string;
}

/** Reads an event payload (or organization's answer) as a schedule; throws on anything else. */
export function publishedYear(payload: Record<string, unknown>): PublishedYear {
  const { year, holidays, workdays, source, loadedAt } = payload;
  const dates = (value: unknown) => Array.isArray(value) && value.every((date) => typeof date === 'string' && isIsoDate(date));
  if (!Number.isInteger(year) || !dates(holidays) || !dates(workdays) || typeof source !== 'string' || typeof loadedAt !== 'string') {
    throw new Error('malformed calendar year');
  }
  return { year: year as number, holidays: [...(holidays as string[])].sort(), workdays: [...(workdays as string[])].sort(), source, loadedAt };
}

/**
 * A consuming subgraph's own copy of a year loaded at run time: on start it is loaded over the
 * packaged calendar, so deadlines are counted the same way after a restart.
 */
@Entity({ name: 'calendar_year' })
export class CalendarYearRecord {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  /** JSON array of "YYYY-MM-DD", sorted. */
  @Column({ type: 'text' })
  holidays!: string;

  @Column({ type: 'text' })
  workdays!: string;

  @Column({ type: 'varchar', length: 200 })
  source!: string;

  @Column({ type: 'datetime', precision: 3 })
  loadedAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  appliedAt!: Date;
}

export function calendarYearTable(): Table {
  return new Table({
    name: 'calendar_year',
    columns: [
      { name: 'year', type: 'int', isPrimary: true },
      { name: 'holidays', type: 'text' },
      { name: 'workdays', type: 'text' },
      { name: 'source', type: 'varchar', length: '200' },
      { name: 'loadedAt', type: 'datetime', precision: 3 },
      { name: 'appliedAt', type: 'datetime', precision: 3 },
    ],
  });
}
