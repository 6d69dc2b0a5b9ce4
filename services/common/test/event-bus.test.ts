import { describe, expect, it } from 'vitest';
import { comparePositions, RedisStreamEventBus, type DomainEvent } from '../src/event-bus.js';
import { testRedisUrl, testStream } from '../src/testing.js';

const REDIS_URL = await testRedisUrl();

const event = (seq: number): DomainEvent => ({
  source: 'complaints',
  seq,
  topic: 'complaint.received',
  regionCode: '990102001',
  payload: { id: `c-${seq}` },
  occurredAt: new Date().toISOString(),
});

describe.runIf(REDIS_URL)('Redis Streams event bus', () => {
  it('carries events between processes in order', async () => {
    const stream = testStream();
    const publisher = new RedisStreamEventBus(REDIS_URL!, stream);
    const gateway = new RedisStreamEventBus(REDIS_URL!, stream);
    const received: DomainEvent[] = [];
    gateway.subscribe((e) => received.push(e));
    try {
      // The reader starts at the stream's end; give it a moment to block on XREAD.
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (let seq = 1; seq <= 50; seq++) await publisher.publish(event(seq));
      for (const start = Date.now(); received.length < 50 && Date.now() - start < 5000; ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(received.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      // Positions are the stream's ids, ordered like the events.
      expect(received.every((e, i) => i === 0 || comparePositions(e.position!, received[i - 1].position!) > 0)).toBe(true);
    } finally {
      await publisher.close();
      await gateway.close();
    }
  });
});
