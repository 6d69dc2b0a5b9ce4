import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

function limiter(perMinute: number, maxKeys?: number) {
  const clock = { ms: 0 };
  return { clock, limiter: new RateLimiter(perMinute, { now: () => clock.ms, maxKeys }) };
}

describe('RateLimiter', () => {
  it('admits a burst of a minute’s worth, then says when the next one will be', () => {
    const { limiter: bucket } = limiter(60);
    for (let i = 0; i < 60; i++) expect(bucket.take('a')).toBe(0);
    expect(bucket.take('a')).toBe(1);
    const { limiter: slow } = limiter(4);
    for (let i = 0; i < 4; i++) slow.take('a');
    // one request every 15 s
    expect(slow.take('a')).toBe(15);
  });

  it('refills evenly over the minute, never above the burst', () => {
    const { clock, limiter: bucket } = limiter(60);
    for (let i = 0; i < 60; i++) bucket.take('a');
    clock.ms += 999;
    expect(bucket.take('a')).toBe(1);
    clock.ms += 1;
    expect(bucket.take('a')).toBe(0);
    expect(bucket.take('a')).toBe(1);
    clock.ms += 10 * 60_000;
    for (let i = 0; i < 60; i++) expect(bucket.take('a')).toBe(0);
    expect(bucket.take('a')).toBe(1);
  });

  it('keeps one bucket per key', () => {
    const { limiter: bucket } = limiter(2);
    bucket.take('a');
    bucket.take('a');
    expect(bucket.take('a')).toBeGreaterThan(0);
    expect(bucket.take('b')).toBe(0);
  });

  it('gives back a refunded request', () => {
    const { limiter: bucket } = limiter(2);
    bucket.take('a');
    bucket.take('a');
    bucket.refund('a');
    expect(bucket.take('a')).toBe(0);
    expect(bucket.take('a')).toBeGreaterThan(0);
  });

  it('forgets buckets idle for a minute (they are full again)', () => {
    const { clock, limiter: bucket } = limiter(10);
    for (let i = 0; i < 1000; i++) bucket.take(`caller-${i}`);
    expect(bucket.size).toBe(1000);
    clock.ms += 30_000;
    bucket.take('caller-0');
    clock.ms += 30_000;
    bucket.take('someone');
    // only the one used within the minute, and the new one, are left
    expect(bucket.size).toBe(2);
  });

  it('holds at most maxKeys buckets, dropping the least recently used', () => {
    const { clock, limiter: bucket } = limiter(1, 3);
    bucket.take('a');
    bucket.take('b');
    bucket.take('c');
    clock.ms += 1;
    bucket.take('a');
    bucket.take('d');
    expect(bucket.size).toBe(3);
    // b was dropped: it starts afresh; a was kept: still empty
    expect(bucket.take('b')).toBe(0);
    expect(bucket.take('a')).toBeGreaterThan(0);
  });

  it('refuses a limit that is not a positive whole number', () => {
    expect(() => new RateLimiter(0)).toThrow(/positive whole number/);
    expect(() => new RateLimiter(1.5)).toThrow(/positive whole number/);
  });
});
