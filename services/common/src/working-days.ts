import { createRequire } from 'node:module';

/** One year's official schedule: statutory holidays off, make-up weekend days (调休上班) on. */
export interface YearSchedule {
  year: number;
  holidays: string[];
  workdays: string[];
}

export interface WorkingDeadline {
  dueAt: Date;
  /** True when counting crossed a year with no published schedule (weekdays were assumed). */
  provisional: boolean;
}

export const SHANGHAI_OFFSET_MS = 8 * 3600_000; // China keeps UTC+8 all year, no daylight saving.
const DAY_MS = 86_400_000;

/** "YYYY-MM-DD" of the Asia/Shanghai calendar day that contains `instant`. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** A real calendar date written "YYYY-MM-DD" (not 2026-02-30). */
export function isIsoDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
}

/** The first millisecond of a Shanghai calendar day ("YYYY-MM-DD"). */
export function startOfShanghaiDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** The last millisecond of a Shanghai calendar day ("YYYY-MM-DD"). */
export function endOfShanghaiDay(date: string): Date {
  return new Date(startOfShanghaiDay(date).getTime() + DAY_MS - 1);
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * China's official working-day calendar. Years without a loaded schedule are counted on
 * weekdays and flagged provisional, never silently treated as certain.
 */
export class WorkingCalendar {
  private readonly years = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();

  constructor(schedules: YearSchedule[] = []) {
    for (const schedule of schedules) this.load(schedule);
  }

  /** Adds or replaces a year's schedule (the State Council publishes it late in the year before). */
  load(schedule: YearSchedule): void {
    this.years.set(schedule.year, { holidays: new Set(schedule.holidays), workdays: new Set(schedule.workdays) });
  }

  knownYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  /** The loaded schedule of `year`, dates sorted; undefined when the year is not known. */
  schedule(year: number): YearSchedule | undefined {
    const known = this.years.get(year);
    return known && { year, holidays: [...known.holidays].sort(), workdays: [...known.workdays].sort() };
  }

  isKnown(date: string): boolean {
    return this.years.has(Number(date.slice(0, 4)));
  }

  isWorkingDay(date: string): boolean {
    const year = this.years.get(Number(date.slice(0, 4)));
    if (year?.workdays.has(date)) return true;
    if (year?.holidays.has(date)) return false;
    return !isWeekend(date);
  }

  /**
   * Deadline `days` working days after `from`: counting starts the day after, in Asia/Shanghai,
   * and the deadline is the end of the last working day.
   */
  addWorkingDays(from: Date, days: number): WorkingDeadline {
    if (!Number.isInteger(days) || days < 1) throw new RangeError(`working days must be a positive integer, got ${days}`);
    let date = shanghaiDate(from);
    let provisional = false;
    for (let counted = 0; counted < days; ) {
      date = shiftDate(date, 1);
      if (!this.isKnown(date)) provisional = true;
      if (this.isWorkingDay(date)) counted++;
    }
    return { dueAt: endOfShanghaiDay(date), provisional };
  }

  /** The `days`-th working day before `date` ("YYYY-MM-DD"), counting back from the day before. */
  workingDayBefore(date: string, days: number): string {
    if (!Number.isInteger(days) || days < 1) throw new RangeError(`working days must be a positive integer, got ${days}`);
    let day = date;
    for (let counted = 0; counted < days; ) {
      day = shiftDate(day, -1);
      if (this.isWorkingDay(day)) counted++;
    }
    return day;
  }
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** The schedules shipped by the `chinese-days` package (2004 to its last published year). */
export function bundledSchedules(): YearSchedule[] {
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const byYear = new Map<number, YearSchedule>();
  const yearOf = (date: string) => {
    const year = Number(date.slice(0, 4));
    if (!byYear.has(year)) byYear.set(year, { year, holidays: [], workdays: [] });
    return byYear.get(year)!;
  };
  for (const date of Object.keys(data.holidays)) yearOf(date).holidays.push(date);
  for (const date of Object.keys(data.workdays)) yearOf(date).workdays.push(date);
  return [...byYear.values()];
}

/** The calendar every deadline in the system is computed with. */
export const officialCalendar = new WorkingCalendar(bundledSchedules());
