import { IsNull, Table, type DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { now } from './clock.js';
import { inTransaction } from './data-source.js';
import type { DomainEvent, EventBus } from './event-bus.js';
import { OutboxEvent } from './outbox-event.entity.js';

export interface NewEvent {
  topic: string;
  regionCode: string;
  payload?: Record<string, unknown>;
}

export type RecordEvent = (event: NewEvent) => void;

const BATCH = 200;
const SAFETY_POLL_MS = 1000;

/** The outbox table every subgraph's first migration creates. */
export function outboxTable(): Table {
  return new Table({
    name: 'outbox_event',
    columns: [
      { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
      { name: 'topic', type: 'varchar', length: '64' },
      { name: 'regionCode', type: 'varchar', length: '12' },
      { name: 'payload', type: 'text' },
      { name: 'occurredAt', type: 'datetime', precision: 3 },
      { name: 'publishedAt', type: 'datetime', precision: 3, isNullable: true },
    ],
    indices: [{ name: 'idx_outbox_unpublished', columnNames: ['publishedAt', 'id'] }],
  });
}

/**
 * Writes a change and its events in one transaction, then relays committed events to the bus
 * in order. An event is marked published only after the bus took it, so a crash in between
 * publishes it again; consumers drop repeats by (source, seq).
 */
export class Outbox {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private readonly afterCommit = new Set<() => void>();
  private runner?: QueryRunner;

  constructor(
    private readonly dataSource: DataSource,
    private readonly source: string,
    private readonly bus: EventBus,
  ) {}

  /** Runs `work` in a transaction; events recorded through `record` commit with it. */
  async write<T>(work: (manager: EntityManager, record: RecordEvent) => Promise<T>): Promise<T> {
    const result = await inTransaction(this.dataSource, async (manager) => {
      const events: NewEvent[] = [];
      const value = await work(manager, (event) => events.push(event));
      if (events.length) {
        const occurredAt = now();
        await manager.insert(
          OutboxEvent,
          events.map((event) => ({
            topic: event.topic,
            regionCode: event.regionCode,
            payload: JSON.stringify(event.payload ?? {}),
            occurredAt,
            publishedAt: null,
          })),
        );
      }
      return value;
    });
    this.relay();
    for (const listener of this.afterCommit) listener();
    return result;
  }

  /** Called after every commit (the deadline watcher re-arms on it). */
  onCommit(listener: () => void): () => void {
    this.afterCommit.add(listener);
    return () => this.afterCommit.delete(listener);
  }

  start(): void {
    this.stopped = false;
    this.relay();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.runner?.release().catch(() => undefined);
    this.runner = undefined;
  }

  /** Publishes whatever is unpublished; coalesces concurrent calls into one more pass. */
  relay(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain()
      .catch((error) => console.warn(`[${this.source}] outbox relay failed; will retry`, (error as Error).message))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.relay();
        } else {
          this.timer = setTimeout(() => this.relay(), SAFETY_POLL_MS);
        }
      });
  }

  /**
   * On MySQL the relay keeps a connection of its own, so it never queues for the pool behind a
   * burst of writers; a broken connection (database restart) is dropped and replaced.
   */
  private async relayTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type !== 'mysql') return inTransaction(this.dataSource, work);
    const runner = (this.runner ??= this.dataSource.createQueryRunner());
    try {
      // READ COMMITTED: the locking read takes no gap locks, so writers inserting new events
      // are never blocked behind the relay.
      await runner.startTransaction('READ COMMITTED');
      const result = await work(runner.manager);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release().catch(() => undefined);
      this.runner = undefined;
      throw error;
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      const published = await this.relayTransaction(async (manager) => {
        const query = manager
          .getRepository(OutboxEvent)
          .createQueryBuilder('e')
          .where({ publishedAt: IsNull() })
          .orderBy('e.id', 'ASC')
          .limit(BATCH);
        // Several replicas may relay at once: each claims rows the others have not locked.
        if (this.dataSource.options.type === 'mysql') query.setLock('pessimistic_write').setOnLocked('skip_locked');
        const rows = await query.getMany();
        for (const row of rows) await this.bus.publish(toDomainEvent(this.source, row));
        if (rows.length) {
          await manager.update(OutboxEvent, rows.map((row) => row.id), { publishedAt: now() });
        }
        return rows.length;
      });
      // stopping: the rest is published by the next start (or another replica)
      if (published < BATCH || this.stopped) return;
    }
  }
}

function toDomainEvent(source: string, row: OutboxEvent): DomainEvent {
  return {
    source,
    seq: row.id,
    topic: row.topic,
    regionCode: row.regionCode,
    payload: JSON.parse(row.payload),
    occurredAt: new Date(row.occurredAt).toISOString(),
  };
}
