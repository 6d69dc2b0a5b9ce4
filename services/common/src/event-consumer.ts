import type { DomainEvent, EventBus } from './event-bus.js';
import type { PeerClient } from './peer-client.js';

/** A subgraph acting on other subgraphs' events (e.g. a calendar year loaded in organization). */
export interface EventConsumer {
  /** For logs. */
  name: string;
  topics: readonly string[];
  /** Runs before the subgraph serves, e.g. to load what earlier events left in its database. */
  start?(): Promise<void>;
  /** Applies one event. Must be idempotent: the relay delivers at least once. */
  handle(event: DomainEvent): Promise<void>;
  /**
   * Gets what the events would have brought from their owner. The bus delivers only what is
   * published while this process listens (a Redis Stream reader starts at its end), so this runs
   * at start, after the stream was interrupted, and after an event could not be applied;
   * retried with back-off until it succeeds.
   */
  catchUp?(peers: PeerClient): Promise<void>;
}

const HANDLE_ATTEMPTS = 5;
const RETRY_START_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * Feeds one consumer its topics one event at a time, in bus order, and runs its catch-up.
 * A failing event is retried with back-off; if it keeps failing it is left to the catch-up.
 */
export class EventFollower {
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly stops: (() => void)[] = [];
  private catchUpQueued = false;
  private catchUpTimer?: NodeJS.Timeout;
  private catchUpDelay = RETRY_START_MS;
  private wake?: () => void;

  constructor(
    private readonly bus: EventBus,
    private readonly consumer: EventConsumer,
    private readonly peers: PeerClient,
  ) {}

  start(): void {
    const topics = new Set(this.consumer.topics);
    this.stops.push(this.bus.subscribe((event) => topics.has(event.topic) && this.enqueue(() => this.apply(event))));
    if (this.consumer.catchUp) {
      this.stops.push(this.bus.onResync(() => this.catchUpSoon()));
      this.catchUpSoon();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stops.forEach((stop) => stop());
    clearTimeout(this.catchUpTimer);
    this.wake?.();
    await this.queue;
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(() => (this.stopped ? undefined : work()));
  }

  private async apply(event: DomainEvent): Promise<void> {
    for (let attempt = 1, delay = RETRY_START_MS; !this.stopped; attempt++, delay *= 2) {
      try {
        return await this.consumer.handle(event);
      } catch (error) {
        console.warn(`[${this.consumer.name}] event ${event.topic} failed (attempt ${attempt})`, (error as Error).message);
        if (attempt >= HANDLE_ATTEMPTS) return this.catchUpSoon();
        await this.pause(delay);
      }
    }
  }

  private catchUpSoon(delay = 0): void {
    if (!this.consumer.catchUp || this.stopped || this.catchUpQueued) return;
    this.catchUpQueued = true;
    clearTimeout(this.catchUpTimer);
    this.catchUpTimer = setTimeout(() => this.enqueue(() => this.catchUp()), delay);
  }

  private async catchUp(): Promise<void> {
    this.catchUpQueued = false;
    try {
      await this.consumer.catchUp!(this.peers);
      this.catchUpDelay = RETRY_START_MS;
    } catch (error) {
      console.warn(`[${this.consumer.name}] catch-up failed; retrying in ${this.catchUpDelay} ms`, (error as Error).message);
      this.catchUpSoon(this.catchUpDelay);
      this.catchUpDelay = Math.min(this.catchUpDelay * 2, RETRY_MAX_MS);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((done) => {
      const timer = setTimeout(done, ms);
      this.wake = () => {
        clearTimeout(timer);
        done();
      };
    });
  }
}
