interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms, monotonic). */
  at: number;
}

/** 0 when admitted; otherwise the whole seconds until a request would be. */
export type RetryAfterSeconds = number;

/**
 * Token buckets per key, in this process: each key may make `perMinute` requests in a burst,
 * refilled evenly over a minute. Memory stays bounded: a bucket idle for a minute is full again,
 * which is the same as having none, so it is dropped; and past `maxKeys` the least recently used
 * bucket goes (its key starts afresh, full).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private lastSweep: number;

  constructor(
    readonly perMinute: number,
    private readonly options: { maxKeys?: number; now?: () => number } = {},
  ) {
    if (!Number.isInteger(perMinute) || perMinute < 1) throw new Error(`perMinute must be a positive whole number, got ${perMinute}`);
    this.perMs = perMinute / 60_000;
    this.lastSweep = this.now();
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Takes one request from `key`'s bucket. */
  take(key: string): RetryAfterSeconds {
    const bucket = this.current(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }

  /** Gives back one request taken from `key` (e.g. a sign-in that succeeded). */
  refund(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.perMinute, bucket.tokens + 1);
  }

  private now(): number {
    return this.options.now ? this.options.now() : performance.now();
  }

  /** The key's bucket, refilled up to now and moved to the most recently used end. */
  private current(key: string): Bucket {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    const maxKeys = this.options.maxKeys ?? 100_000;
    if (this.buckets.size > maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket;
  }

  /** Drops the buckets idle for a minute (full by now); the map is in order of last use. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 10_000) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.at < 60_000) break;
      this.buckets.delete(key);
    }
  }
}
