import { Table, type DataSource, type EntityManager, type EntityTarget, type FindOptionsWhere } from 'typeorm';
import { now, onClockChange } from './clock.js';
import type { Outbox } from './outbox.js';
import { fromSqlDate } from './sql-date.js';

/**
 * Items of one kind whose deadline (or another time, e.g. turning yellow) can pass while nobody
 * writes to them. One source per column: each keeps its own watermark, so every transition is
 * announced once.
 */
export interface DeadlineSource<T extends { id: string; regionCode: string; title: string } = any> {
  /** Name of the watermark row, e.g. "complaint". */
  name: string;
  /** Topic of the event recorded when an item's time passes, e.g. "complaint.overdue", "complaint.due-soon". */
  topic: string;
  entity: EntityTarget<T>;
  /** The indexed column holding the time to announce: the deadline in force, or when it turns yellow. */
  dueColumn: keyof T & string;
  /** Which items are still open (only those can turn overdue). */
  open: FindOptionsWhere<T>;
  /**
   * The units that handle each item (lead and co-units), by item id: carried in the event as
   * `unitIds`, so that a unit operator's dispatch feed shows its own unit's items only.
   */
  unitsOf?: (manager: EntityManager, ids: string[]) => Promise<Map<string, string[]>>;
}

const MAX_SLEEP_MS = 60_000;
const PEEK_MS = 50;

export function deadlineWatermarkTable(): Table {
  return new Table({
    name: 'deadline_watermark',
    columns: [
      { name: 'name', type: 'varchar', length: '32', isPrimary: true },
      { name: 'passedUntil', type: 'datetime', precision: 3 },
    ],
  });
}

/**
 * Turns "a deadline passed" into an event at the moment it happens. It sleeps until the next
 * known deadline (so its cost does not grow with the number of open items), then moves a
 * watermark forward with a conditional update: of several replicas only the one whose update
 * succeeds records the events, so each transition is produced exactly once, also across restarts.
 */
export class DeadlineWatcher {
  private timer?: NodeJS.Timeout;
  private stopped = true;
  private ticking?: Promise<void>;
  private unsubscribe?: () => void;
  private unsubscribeClock?: () => void;
  /** Real time at which the timer fires. */
  private wakeAt = 0;
  private peeking?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly source: DeadlineSource,
  ) {}

  start(): void {
    this.stopped = false;
    // A write may add an earlier deadline than the one we sleep towards.
    this.unsubscribe = this.outbox.onCommit(() => this.peekSoon());
    // The test clock jumped: every deadline up to the new "now" has passed.
    this.unsubscribeClock = onClockChange(() => this.schedule(0));
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribeClock?.();
    clearTimeout(this.timer);
    clearTimeout(this.peeking);
    await this.ticking;
  }

  /**
   * After writes, looks (at most every PEEK_MS, one indexed SELECT) whether the next deadline
   * moved earlier, and wakes sooner if so. Under a stream of writes this costs the same
   * whatever the write rate.
   */
  private peekSoon(): void {
    if (this.stopped || this.peeking) return;
    this.peeking = setTimeout(() => {
      this.peeking = undefined;
      // A tick in progress may have read the next deadline before this write: look again after it.
      if (this.ticking) return this.peekSoon();
      this.nextDeadline(this.dataSource.manager, now())
        .then((next) => {
          const sleep = next ? next.getTime() - now().getTime() + 5 : MAX_SLEEP_MS;
          if (Date.now() + sleep < this.wakeAt && !this.ticking) this.schedule(sleep);
          else if (this.ticking) this.peekSoon();
        })
        .catch((error) => console.warn(`[deadline:${this.source.name}] peek failed`, (error as Error).message));
    }, PEEK_MS);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const delay = Math.max(0, Math.min(delayMs, MAX_SLEEP_MS));
    this.wakeAt = Date.now() + delay;
    this.timer = setTimeout(() => {
      if (this.ticking) return this.schedule(50);
      this.ticking = this.tick()
        .catch((error) => {
          console.warn(`[deadline:${this.source.name}] check failed; retrying`, (error as Error).message);
          return 1000;
        })
        .then((next) => {
          this.ticking = undefined;
          this.schedule(next);
        });
    }, delay);
  }

  /** Records the transitions up to now; returns how long to sleep. */
  async tick(): Promise<number> {
    const at = now();
    const next = await this.outbox.write(async (manager, record) => {
      const table = 'deadline_watermark';
      const row: { passedUntil: string | Date } | undefined = await manager
        .createQueryBuilder()
        .select('w.passedUntil', 'passedUntil')
        .from(table, 'w')
        .where('w.name = :name', { name: this.source.name })
        .getRawOne();
      if (!row) {
        // First run: start watching from now; items already overdue are counted, not announced.
        await manager.createQueryBuilder().insert().into(table).values({ name: this.source.name, passedUntil: at }).execute();
      } else {
        const from = fromSqlDate(row.passedUntil);
        if (from < at) {
          const won = await manager
            .createQueryBuilder()
            .update(table)
            .set({ passedUntil: at })
            .where('name = :name AND passedUntil = :from', { name: this.source.name, from })
            .execute();
          if (won.affected === 1) {
            const items = await this.passedBetween(manager, from, at);
            const units = items.length && this.source.unitsOf ? await this.source.unitsOf(manager, items.map((item) => item.id)) : null;
            for (const item of items) {
              const payload = { id: item.id, title: item.title, ...(units ? { unitIds: units.get(item.id) ?? [] } : {}) };
              record({ topic: this.source.topic, regionCode: item.regionCode, payload });
            }
          }
        }
      }
      return this.nextDeadline(manager, at);
    });
    return next ? next.getTime() - now().getTime() + 5 : MAX_SLEEP_MS;
  }

  /**
   * Earliest deadline of an open item strictly after `after`: the first row in deadline order.
   * (Not MIN(): with the open condition beside it, MariaDB scanned every open item for MIN.)
   */
  private async nextDeadline(manager: EntityManager, after: Date): Promise<Date | null> {
    const due = `item.${this.source.dueColumn}`;
    const row = await manager
      .getRepository(this.source.entity)
      .createQueryBuilder('item')
      .select(due, 'next')
      .where(`${due} > :after`, { after })
      .andWhere(this.source.open)
      .orderBy(due, 'ASC')
      .limit(1)
      .getRawOne<{ next: string | Date | null }>();
    return row?.next ? fromSqlDate(row.next) : null;
  }

  /** Open items whose deadline lies in (from, to]. */
  private passedBetween(manager: EntityManager, from: Date, to: Date): Promise<{ id: string; regionCode: string; title: string }[]> {
    const due = `item.${this.source.dueColumn}`;
    return manager
      .getRepository(this.source.entity)
      .createQueryBuilder('item')
      .select(['item.id', 'item.regionCode', 'item.title'])
      .where(this.source.open)
      .andWhere(`${due} > :from AND ${due} <= :to`, { from, to })
      .getMany();
  }
}
