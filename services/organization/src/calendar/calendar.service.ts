import { Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { CALENDAR_YEAR_LOADED, type PublishedYear } from '@bizenv/common/calendar-year';
import { now } from '@bizenv/common/clock';
import type { Outbox } from '@bizenv/common/outbox';
import { requireText } from '@bizenv/common/validate';
import { bundledSchedules, shanghaiDate } from '@bizenv/common/working-days';
import type { DataSource } from 'typeorm';
import { checkedSchedule } from './calendar-schedule.js';
import type { LoadCalendarYearInput } from './calendar-inputs.js';
import { CalendarYear } from './calendar-year.entity.js';

const PACKAGED_SOURCE = '系统内置（chinese-days 节假日数据）';

/**
 * The system's working-day calendar: the packaged years plus those an administrator loads at run
 * time. A loaded year is published (`calendar.year-loaded`); the subgraphs that count working days
 * store it and recompute the deadlines not yet due.
 */
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Every year known, oldest first; a loaded year replaces the packaged one. */
  async list(caller: Caller | null): Promise<CalendarYear[]> {
    requirePermission(caller, Permission.STATS_READ);
    const loaded = new Map((await this.dataSource.getRepository(CalendarYear).find()).map((year) => [year.year, year]));
    const packaged = bundledSchedules().map(
      (schedule): CalendarYear => ({ ...schedule, holidays: [...schedule.holidays].sort(), workdays: [...schedule.workdays].sort(), source: PACKAGED_SOURCE, loadedAt: null, loadedById: null, loadedBy: null }),
    );
    for (const year of packaged) if (!loaded.has(year.year)) loaded.set(year.year, year);
    return [...loaded.values()].sort((a, b) => a.year - b.year);
  }

  /** Stores the year (replacing an earlier load) and publishes it, in one transaction. */
  async load(caller: Caller | null, input: LoadCalendarYearInput): Promise<CalendarYear> {
    const admin = requirePermission(caller, Permission.SYSTEM_ADMIN);
    const schedule = checkedSchedule(input, Number(shanghaiDate(now()).slice(0, 4)));
    const year: CalendarYear = {
      ...schedule,
      source: requireText(input.source, 'source', '来源', 200),
      loadedAt: now(),
      loadedById: admin.id,
      loadedBy: [...admin.name].slice(0, 100).join(''),
    };
    await this.outbox.write(async (manager, record) => {
      await manager.getRepository(CalendarYear).upsert(year, ['year']);
      const payload: PublishedYear = { ...schedule, source: year.source, loadedAt: year.loadedAt!.toISOString() };
      record({ topic: CALENDAR_YEAR_LOADED, regionCode: '', payload: { ...payload } });
    });
    return year;
  }
}
