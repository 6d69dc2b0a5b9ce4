import type { DataSource, EntityManager } from 'typeorm';
import { Permission } from './auth.js';
import { CALENDAR_YEAR_LOADED, CalendarYearRecord, publishedYear, type PublishedYear } from './calendar-year.js';
import { now } from './clock.js';
import type { DomainEvent } from './event-bus.js';
import type { EventConsumer } from './event-consumer.js';
import type { Outbox, RecordEvent } from './outbox.js';
import type { PeerClient } from './peer-client.js';
import type { WorkingCalendar } from './working-days.js';

/**
 * Recounts, in the caller's transaction, the deadlines of items that are still open and not yet
 * due, now that `year` is in `calendar`; writes and announces only items whose deadlines changed.
 */
export type RecomputeDeadlines = (manager: EntityManager, record: RecordEvent, calendar: WorkingCalendar, year: number) => Promise<void>;

const CALENDAR_YEARS = '{ calendarYears { year holidays workdays source loadedAt } }';

/**
 * Keeps a subgraph's working calendar in step with the years organization loads at run time:
 * stores each year, loads it, and recomputes the open items' deadlines, in one transaction.
 */
export class CalendarFollower implements EventConsumer {
  readonly topics = [CALENDAR_YEAR_LOADED];
  /** Per year, the schedule this process has counted with and recomputed for (or loaded at start). */
  private readonly applied = new Map<number, string>();

  constructor(
    readonly name: string,
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly calendar: WorkingCalendar,
    private readonly recompute: RecomputeDeadlines,
  ) {}

  async start(): Promise<void> {
    for (const row of await this.dataSource.getRepository(CalendarYearRecord).find()) {
      this.calendar.load({ year: row.year, holidays: JSON.parse(row.holidays), workdays: JSON.parse(row.workdays) });
      this.applied.set(row.year, contentKey(row));
    }
  }

  handle(event: DomainEvent): Promise<void> {
    return this.apply(publishedYear(event.payload));
  }

  async catchUp(peers: PeerClient): Promise<void> {
    if (!peers.has('organization')) return;
    const { calendarYears } = await peers.query<{ calendarYears: (Omit<PublishedYear, 'loadedAt'> & { loadedAt: string | null })[] }>(
      'organization',
      [Permission.STATS_READ],
      CALENDAR_YEARS,
    );
    // Packaged years (never loaded) are already in every calendar.
    for (const year of calendarYears) if (year.loadedAt) await this.apply(publishedYear(year));
  }

  /**
   * Idempotent: a year already stored and counted with by this process changes nothing. The
   * calendar takes the year first, so what this process computes meanwhile already counts with
   * it; a failed transaction is retried (the event again, or the catch-up) and recomputes then.
   */
  async apply(year: PublishedYear): Promise<void> {
    const key = contentKey({ holidays: JSON.stringify(year.holidays), workdays: JSON.stringify(year.workdays) });
    this.calendar.load(year);
    await this.outbox.write(async (manager, record) => {
      const stored = await manager.findOneBy(CalendarYearRecord, { year: year.year });
      const storedSame = stored !== null && contentKey(stored) === key;
      if (storedSame && this.applied.get(year.year) === key) return;
      if (!storedSame) {
        const row = { holidays: JSON.stringify(year.holidays), workdays: JSON.stringify(year.workdays), source: year.source, loadedAt: new Date(year.loadedAt), appliedAt: now() };
        if (stored) await manager.update(CalendarYearRecord, { year: year.year }, row);
        else await manager.insert(CalendarYearRecord, { year: year.year, ...row });
      }
      await this.recompute(manager, record, this.calendar, year.year);
    });
    this.applied.set(year.year, key);
  }
}

function contentKey(row: { holidays: string; workdays: string }): string {
  return `${row.holidays}|${row.workdays}`;
}
