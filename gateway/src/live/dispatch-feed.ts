import { comparePositions, type DomainEvent } from '@bizenv/common/event-bus';

/** One line of the screen's rolling feed. Carries no complainant identity: events never do. */
export interface DispatchEvent {
  position: string;
  kind: string;
  itemKind: 'COMPLAINT' | 'DEMAND' | 'TASK';
  itemId: string;
  title: string | null;
  regionCode: string;
  occurredAt: string;
}

export interface DispatchFeedFrame {
  /** Position of the newest event this frame accounts for; resume with `after: version`. */
  version: string;
  /** True when `events` is a fresh snapshot (the latest events) rather than a continuation. */
  reset: boolean;
  events: DispatchEvent[];
}

const ITEM_KINDS = { complaint: 'COMPLAINT', demand: 'DEMAND', task: 'TASK' } as const;
const KINDS: Record<string, string> = {
  received: 'RECEIVED',
  dispatched: 'DISPATCHED',
  accepted: 'ACCEPTED',
  returned: 'RETURNED',
  replied: 'REPLIED',
  closed: 'CLOSED',
  overdue: 'TURNED_OVERDUE',
};

/** The dispatch-level meaning of a domain event, or null for events the feed does not show. */
export function toDispatchEvent(event: DomainEvent): DispatchEvent | null {
  const [item, action] = event.topic.split('.');
  const itemKind = ITEM_KINDS[item as keyof typeof ITEM_KINDS];
  const kind = KINDS[action];
  if (!itemKind || !kind || !event.position) return null;
  const { id, title } = event.payload;
  return {
    position: event.position,
    kind,
    itemKind,
    itemId: String(id),
    title: typeof title === 'string' ? title : null,
    regionCode: event.regionCode,
    occurredAt: event.occurredAt,
  };
}

const SNAPSHOT_SIZE = 50;
const MAX_PENDING = 1000;

/**
 * The recent dispatch events, kept in order of bus position. A subscriber that gives the
 * version it last saw gets exactly the events after it; if those are no longer held (or were
 * never seen by this gateway), it gets a fresh snapshot marked `reset`, never a silent gap.
 */
export class DispatchFeed {
  private readonly events: (DispatchEvent & { key: string })[] = [];
  private readonly keys = new Set<string>();
  /** Every event after this position is held; null until one was evicted (then: since the first held). */
  private floor: string | null = null;
  private readonly listeners = new Set<(event: DispatchEvent) => void>();

  constructor(private readonly capacity = 5000) {}

  onEvent(domainEvent: DomainEvent): void {
    const event = toDispatchEvent(domainEvent);
    if (!event) return;
    // The relay is at-least-once: an event published again after a crash is shown once.
    const key = `${domainEvent.source}:${domainEvent.seq}`;
    const last = this.events.at(-1);
    if (this.keys.has(key) || (last && comparePositions(event.position, last.position) <= 0)) return;
    this.events.push({ ...event, key });
    this.keys.add(key);
    if (this.events.length > this.capacity) {
      const evicted = this.events.shift()!;
      this.keys.delete(evicted.key);
      this.floor = evicted.position;
    }
    for (const listener of this.listeners) listener(event);
  }

  private version(): string {
    return this.events.at(-1)?.position ?? this.floor ?? '0-0';
  }

  private holdsEverythingAfter(after: string): boolean {
    if (this.floor) return comparePositions(after, this.floor) >= 0;
    const first = this.events[0];
    return !first || comparePositions(after, first.position) >= 0;
  }

  subscribe(visible: (event: DispatchEvent) => boolean, after: string | null): AsyncIterableIterator<DispatchFeedFrame> {
    let pending: DispatchEvent[] = [];
    let reset = false;
    let waiting: ((result: IteratorResult<DispatchFeedFrame>) => void) | undefined;
    let closed = false;

    const snapshot = () => this.events.filter(visible).slice(-SNAPSHOT_SIZE);
    const resumable = after !== null && /^\d+-\d+$/.test(after) && this.holdsEverythingAfter(after);
    let first: DispatchFeedFrame | undefined = resumable
      ? { version: this.version(), reset: false, events: this.events.filter((e) => comparePositions(e.position, after!) > 0 && visible(e)) }
      : { version: this.version(), reset: true, events: snapshot() };

    const flush = (): DispatchFeedFrame => {
      const frame = { version: this.version(), reset, events: reset ? snapshot() : pending };
      pending = [];
      reset = false;
      return frame;
    };
    const listener = (event: DispatchEvent) => {
      if (!visible(event)) return;
      // A client this far behind gets a snapshot instead of an ever-growing queue.
      if (pending.length >= MAX_PENDING) reset = true;
      else pending.push(event);
      if (waiting) {
        waiting({ value: flush(), done: false });
        waiting = undefined;
      }
    };
    this.listeners.add(listener);

    const close = () => {
      if (closed) return;
      closed = true;
      this.listeners.delete(listener);
      waiting?.({ value: undefined, done: true });
    };
    const iterator: AsyncIterableIterator<DispatchFeedFrame> = {
      next: () =>
        new Promise((resolve) => {
          if (first) {
            resolve({ value: first, done: false });
            first = undefined;
          } else if (closed) resolve({ value: undefined, done: true });
          else if (pending.length || reset) resolve({ value: flush(), done: false });
          else waiting = resolve;
        }),
      return: async () => {
        close();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}
