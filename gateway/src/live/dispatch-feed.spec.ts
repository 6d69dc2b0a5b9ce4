import type { DomainEvent } from '@bizenv/common/event-bus';
import { describe, expect, it } from 'vitest';
import { DispatchFeed, visibleIn } from './dispatch-feed.js';

let position = 1000;
const event = (seq: number, topic = 'complaint.received', regionCode = '990102001'): DomainEvent => ({
  source: 'complaints', seq, topic, regionCode, payload: { id: `c${seq}`, title: `投诉${seq}` }, occurredAt: '2026-11-23T00:00:00.000Z', position: `${position++}-0`,
});
const all = () => true;
const next = async (iterator: AsyncIterableIterator<any>) => (await iterator.next()).value;

describe('dispatch feed', () => {
  it('shows an event republished by the at-least-once relay only once', async () => {
    const feed = new DispatchFeed();
    feed.onEvent(event(1));
    feed.onEvent(event(1));
    feed.onEvent(event(2, 'complaint.dispatched'));
    expect((await next(feed.subscribe(all, null))).events.map((e: any) => [e.itemId, e.kind])).toEqual([['c1', 'RECEIVED'], ['c2', 'DISPATCHED']]);
  });

  it('forgets the title of a complaint whose clue was transferred, keeping its lines and version', async () => {
    const feed = new DispatchFeed();
    feed.onEvent(event(1));
    feed.onEvent(event(2));
    feed.onEvent(event(3, 'complaint.dispatched'));
    const before = await next(feed.subscribe(all, null));
    feed.onEvent({ ...event(4, 'complaint.clue_transferred'), payload: { id: 'c1' } });
    const after = await next(feed.subscribe(all, null));
    expect(after.version).toBe(before.version);
    expect(after.events.map((e: any) => [e.itemId, e.title])).toEqual([['c1', null], ['c2', '投诉2'], ['c3', '投诉3']]);
  });

  it('forgets the title in frames a slow client has not read yet', async () => {
    const feed = new DispatchFeed();
    const iterator = feed.subscribe(all, null);
    await next(iterator);
    feed.onEvent(event(1));
    feed.onEvent({ ...event(2, 'complaint.clue_transferred'), payload: { id: 'c1' } });
    expect((await next(iterator)).events.map((e: any) => [e.itemId, e.title])).toEqual([['c1', null]]);
    await iterator.return!();
  });

  it('ignores events that are not dispatch-level', async () => {
    const feed = new DispatchFeed();
    feed.onEvent(event(1, 'enterprise.registered'));
    feed.onEvent(event(2, 'clock.advanced'));
    expect((await next(feed.subscribe(all, null))).events).toEqual([]);
  });

  it('resumes while it holds everything after the version, and resets once it does not', async () => {
    const feed = new DispatchFeed(3);
    const events = [1, 2, 3, 4, 5].map((seq) => event(seq));
    feed.onEvent(events[0]);
    feed.onEvent(events[1]);
    const fromSecond = await next(feed.subscribe(all, events[1].position!));
    expect(fromSecond).toMatchObject({ reset: false, events: [] });
    for (const e of events.slice(2)) feed.onEvent(e);
    // Capacity 3: events 1 and 2 were evicted, so after 1 there may be a gap; after 2 there is none.
    expect(await next(feed.subscribe(all, events[0].position!))).toMatchObject({ reset: true });
    expect((await next(feed.subscribe(all, events[1].position!))).events.map((e: any) => e.itemId)).toEqual(['c3', 'c4', 'c5']);
  });

  it('shows a unit operator only the events naming its unit (lead or co-unit), in its region', async () => {
    const feed = new DispatchFeed();
    const withUnits = (seq: number, unitIds: unknown, topic = 'complaint.dispatched', regionCode?: string) => {
      const e = event(seq, topic, regionCode);
      return { ...e, payload: { ...e.payload, unitIds } };
    };
    feed.onEvent(event(1)); // received: not dispatched to anybody yet
    feed.onEvent(withUnits(2, ['u-own']));
    feed.onEvent(withUnits(3, ['u-other', 'u-own'], 'complaint.overdue'));
    feed.onEvent(withUnits(4, ['u-other']));
    feed.onEvent(withUnits(5, 'u-own')); // not a list: names nobody
    feed.onEvent(withUnits(6, ['u-own'], 'complaint.dispatched', '990103001'));
    const ids = async (scope: { regionCode: string; unitId?: string }) => (await next(feed.subscribe(visibleIn(scope), null))).events.map((e: any) => e.itemId);
    expect(await ids({ regionCode: '990102', unitId: 'u-own' })).toEqual(['c2', 'c3']);
    expect(await ids({ regionCode: '990102' })).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('gathers what a slow client has not read into one frame, in order', async () => {
    const feed = new DispatchFeed();
    const iterator = feed.subscribe((e) => e.regionCode.startsWith('990102'), null);
    await next(iterator);
    feed.onEvent(event(10));
    feed.onEvent(event(11, 'complaint.received', '990103001'));
    feed.onEvent(event(12, 'complaint.overdue'));
    const frame = await next(iterator);
    expect(frame.reset).toBe(false);
    expect(frame.events.map((e: any) => [e.itemId, e.kind])).toEqual([['c10', 'RECEIVED'], ['c12', 'TURNED_OVERDUE']]);
    await iterator.return!();
  });
});
