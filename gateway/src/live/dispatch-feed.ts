import type { ListScope } from '@bizenv/common/auth';
import { comparePositions, type DomainEvent } from '@bizenv/common/event-bus';
import { isWithin } from '@bizenv/common/region-code';
import { pushIterator } from './push-iterator.js';

/** One line of the screen's rolling feed. Carries no complainant identity: events never do. */
export interface DispatchEvent {
  position: string;
  kind: string;
  itemKind: 'COMPLAINT' | 'DEMAND' | 'TASK';
  itemId: string;
  title: string | null;
  regionCode: string;
  occurredAt: string;
  /** The units handling the item (lead and co-units) when the event happened; not in the schema. */
  unitIds: readonly string[];
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
  const { id, title, unitIds } = event.payload;
  return {
    position: event.position,
    kind,
    itemKind,
    itemId: String(id),
    title: typeof title === 'string' ? title : null,
    regionCode: event.regionCode,
    occurredAt: event.occurredAt,
    unitIds: Array.isArray(unitIds) ? unitIds.filter((unitId): unitId is string => typeof unitId === 'string') : [],
  };
}

/**
 * Which events a list scope (`requireListScope`) shows: those of its region subtree and, for a
 * unit operator, only those naming their unit. An event naming no unit (received, not dispatched
 * yet, or from a source that does not say) is not theirs.
 */
export function visibleIn(scope: ListScope): (event: DispatchEvent) => boolean {
  return (event) => isWithin(event.regionCode, scope.regionCode) && (!scope.unitId || event.unitIds.includes(scope.unitId));
}

/** The complaints subgraph's event when a clue is transferred (payload: the complaint's id only). */
const CLUE_TRANSFERRED = 'complaint.clue_transferred';
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
    if (domainEvent.topic === CLUE_TRANSFERRED) return this.forgetTitle(String(domainEvent.payload.id));
    const event = toDispatchEvent(domainEvent);
    if (!event) return;
    // The relay is at-least-once: an event published again after a crash is shown once.
    const key = `${domainEvent.source}:${domainEvent.seq}`;
    const last = this.events.at(-1);
    if (this.keys.has(key) || (last && comparePositions(event.position, last.position) <= 0)) return;
    // Held and sent as one object: a title forgotten later is gone from unread frames too.
    const held = { ...event, key };
    this.events.push(held);
    this.keys.add(key);
    if (this.events.length > this.capacity) {
      const evicted = this.events.shift()!;
      this.keys.delete(evicted.key);
      this.floor = evicted.position;
    }
    for (const listener of this.listeners) listener(held);
  }

  /**
   * A complaint whose clue went to the discipline commission is visible to inspectors only:
   * the lines already held keep their place (the counts do not change) but lose its title.
   */
  private forgetTitle(complaintId: string): void {
    for (const event of this.events) if (event.itemKind === 'COMPLAINT' && event.itemId === complaintId) event.title = null;
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
    const snapshot = (): DispatchFeedFrame => ({ version: this.version(), reset: true, events: this.events.filter(visible).slice(-SNAPSHOT_SIZE) });
    // Unread frames merge into one; a client this far behind gets a snapshot instead of a queue.
    const combine = (unread: DispatchFeedFrame, next: DispatchFeedFrame): DispatchFeedFrame =>
      unread.reset || unread.events.length >= MAX_PENDING ? snapshot() : { ...next, events: [...unread.events, ...next.events] };
    const listener = (event: DispatchEvent) => {
      if (visible(event)) push({ version: event.position, reset: false, events: [event] });
    };
    const { iterator, push } = pushIterator<DispatchFeedFrame>(() => this.listeners.delete(listener), combine);
    const resumable = after !== null && /^\d+-\d+$/.test(after) && this.holdsEverythingAfter(after);
    push(
      resumable
        ? { version: this.version(), reset: false, events: this.events.filter((e) => comparePositions(e.position, after!) > 0 && visible(e)) }
        : snapshot(),
    );
    this.listeners.add(listener);
    return iterator;
  }
}
