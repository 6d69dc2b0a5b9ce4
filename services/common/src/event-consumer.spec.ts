import { describe, expect, it } from 'vitest';
import { InProcessEventBus, type DomainEvent, type EventBus } from './event-bus.js';
import { EventFollower, type EventConsumer } from './event-consumer.js';
import { peerClient } from './peer-client.js';
import { eventually } from './testing.js';

const event = (topic: string, seq: number): DomainEvent => ({ source: 'organization', seq, topic, regionCode: '', payload: {}, occurredAt: new Date().toISOString() });
const peers = peerClient('complaints', {}, new Uint8Array(32));

/** A bus whose stream can be "interrupted", as Redis is when it restarts. */
class InterruptibleBus implements EventBus {
  private readonly inner = new InProcessEventBus();
  private readonly resync = new Set<() => void>();
  publish = (event: DomainEvent) => this.inner.publish(event);
  subscribe = (handler: (event: DomainEvent) => void) => this.inner.subscribe(handler);
  close = () => this.inner.close();
  onResync(listener: () => void) {
    this.resync.add(listener);
    return () => void this.resync.delete(listener);
  }
  interrupt() {
    this.resync.forEach((listener) => listener());
  }
}

describe('an event consumer', () => {
  it('gets its topics only, one at a time in bus order, and a failing event again until it succeeds', async () => {
    const bus = new InProcessEventBus();
    const seen: number[] = [];
    let running = 0;
    let mostAtOnce = 0;
    let failures = 1;
    const consumer: EventConsumer = {
      name: 'test',
      topics: ['calendar.year-loaded'],
      async handle(e) {
        mostAtOnce = Math.max(mostAtOnce, ++running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running--;
        if (e.seq === 2 && failures-- > 0) throw new Error('database away');
        seen.push(e.seq);
      },
    };
    const follower = new EventFollower(bus, consumer, peers);
    follower.start();
    for (const [topic, seq] of [['calendar.year-loaded', 1], ['complaint.received', 9], ['calendar.year-loaded', 2], ['calendar.year-loaded', 3]] as const) {
      await bus.publish(event(topic, seq));
    }
    await eventually(() => seen.length === 3, 3000);
    expect(seen).toEqual([1, 2, 3]);
    expect(mostAtOnce).toBe(1);
    await follower.stop();
  });

  it('catches up at start and after the stream was interrupted, and retries a failed catch-up', async () => {
    const bus = new InterruptibleBus();
    let catchUps = 0;
    let failures = 1;
    const consumer: EventConsumer = {
      name: 'test',
      topics: [],
      handle: async () => {},
      async catchUp() {
        catchUps++;
        if (failures-- > 0) throw new Error('organization away');
      },
    };
    const follower = new EventFollower(bus, consumer, peers);
    follower.start();
    // The first one fails; the retry follows after a back-off.
    await eventually(() => catchUps === 2, 3000);
    bus.interrupt();
    await eventually(() => catchUps === 3, 3000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(catchUps).toBe(3);
    await follower.stop();
    bus.interrupt();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(catchUps).toBe(3);
  });
});
