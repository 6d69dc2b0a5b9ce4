import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

/** A domain event as it leaves a subgraph's outbox; `seq` orders the events of one `source`. */
export interface DomainEvent {
  source: string;
  seq: number;
  topic: string;
  regionCode: string;
  payload: Record<string, unknown>;
  occurredAt: string;
  /** Where the bus delivered it ("<ms>-<n>", ordered across all sources); set on delivery. */
  position?: string;
}

/** Orders two bus positions ("<ms>-<n>"). */
export function comparePositions(a: string, b: string): number {
  const [aMs, aSeq] = a.split('-').map(Number);
  const [bMs, bSeq] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
}

export interface EventBus {
  publish(event: DomainEvent): Promise<void>;
  subscribe(handler: (event: DomainEvent) => void): () => void;
  /** Called when events may have been missed (the stream was unreachable): recompute from the source. */
  onResync(listener: () => void): () => void;
  close(): Promise<void>;
}

/** All services in one process (the embedded mode). */
export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private lastMs = 0;
  private counter = 0;

  async publish(event: DomainEvent): Promise<void> {
    const ms = Math.max(Date.now(), this.lastMs);
    this.counter = ms === this.lastMs ? this.counter + 1 : 0;
    this.lastMs = ms;
    this.emitter.emit('event', { ...event, position: `${ms}-${this.counter}` });
  }

  subscribe(handler: (event: DomainEvent) => void): () => void {
    this.emitter.on('event', handler);
    return () => this.emitter.off('event', handler);
  }

  onResync(): () => void {
    // Nothing is ever missed in one process.
    return () => {};
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

const STREAM_MAX_LENGTH = 100_000;

/**
 * Services in separate processes: a Redis Stream, which keeps events while no reader is
 * listening (pub/sub would drop them).
 */
export class RedisStreamEventBus implements EventBus {
  private readonly writer: Redis;
  private readonly handlers = new Set<(event: DomainEvent) => void>();
  private readonly resyncListeners = new Set<() => void>();
  private reader?: Redis;
  private closed = false;

  constructor(
    private readonly url: string,
    /** One stream per deployment; tests use their own. */
    private readonly stream = 'bizenv:events',
  ) {
    this.writer = new Redis(url, { maxRetriesPerRequest: null });
    this.writer.on('error', (error) => this.warnOnce('writer', error));
  }

  private readonly warned = new Set<string>();

  /** ioredis reports every reconnect attempt; one line per outage is enough. */
  private warnOnce(client: string, error: Error): void {
    if (this.warned.has(client)) return;
    this.warned.add(client);
    console.warn(`[event-bus] Redis ${client} connection lost (${error.message}); reconnecting`);
  }

  async publish(event: DomainEvent): Promise<void> {
    await this.writer.xadd(this.stream, 'MAXLEN', '~', STREAM_MAX_LENGTH, '*', 'event', JSON.stringify(event));
  }

  subscribe(handler: (event: DomainEvent) => void): () => void {
    this.handlers.add(handler);
    if (!this.reader) void this.read();
    return () => this.handlers.delete(handler);
  }

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  private async read(): Promise<void> {
    this.reader = new Redis(this.url, { maxRetriesPerRequest: null });
    let lastId = '$';
    let interrupted = false;
    this.reader.on('error', (error) => this.warnOnce('reader', error));
    // ioredis re-sends a pending XREAD after reconnecting instead of failing it, so a lost
    // connection, not an exception, is what tells us events may have been missed.
    this.reader.on('close', () => {
      interrupted = true;
    });
    this.reader.on('ready', () => this.warned.delete('reader'));
    this.writer.on('ready', () => this.warned.delete('writer'));
    while (!this.closed) {
      try {
        const batches = await this.reader.xread('COUNT', 500, 'BLOCK', 1000, 'STREAMS', this.stream, lastId);
        if (interrupted) {
          // Redis was away: what was published meanwhile may be gone with it.
          interrupted = false;
          for (const listener of this.resyncListeners) listener();
        }
        for (const [, entries] of batches ?? []) {
          for (const [id, fields] of entries) {
            lastId = id;
            const event: DomainEvent = { ...JSON.parse(fields[1]), position: id };
            for (const handler of this.handlers) handler(event);
          }
        }
      } catch (error) {
        if (this.closed) return;
        interrupted = true;
        console.warn('[event-bus] stream read failed; retrying', (error as Error).message);
        await new Promise((done) => setTimeout(done, 1000));
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reader?.disconnect();
    await this.writer.quit();
  }
}

export function createEventBus(redisUrl: string | undefined): EventBus {
  return redisUrl ? new RedisStreamEventBus(redisUrl) : new InProcessEventBus();
}
