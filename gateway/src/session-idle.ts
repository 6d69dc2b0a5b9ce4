import { createHash } from 'node:crypto';
import { Role, type Caller } from '@bizenv/common/auth';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { Redis } from 'ioredis';

/** What an idle session is told. */
export const SESSION_IDLE = '会话长时间未操作，已失效，请重新登录';

/** Where the last use of each session is kept: this process, or Redis for every replica. */
export interface SessionActivityStore {
  /**
   * Marks `key` used now if it was used within `idleMs` (or, never seen, `fresh`: issued within
   * `idleMs`); false when it has been idle longer.
   */
  touch(key: string, idleMs: number, fresh: boolean): Promise<boolean>;
  close(): Promise<void>;
}

/** One process: a map of last uses, swept of those idle past the limit. */
export class MemorySessionActivity implements SessionActivityStore {
  private readonly lastUse = new Map<string, number>();
  private lastSweep = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  async touch(key: string, idleMs: number, fresh: boolean): Promise<boolean> {
    const now = this.clock();
    this.sweep(now, idleMs);
    const last = this.lastUse.get(key);
    const active = last === undefined ? fresh : now - last < idleMs;
    this.lastUse.delete(key);
    if (active) this.lastUse.set(key, now);
    return active;
  }

  async close(): Promise<void> {
    this.lastUse.clear();
  }

  /** The map is in order of last use: drop from the front what has been idle past the limit. */
  private sweep(now: number, idleMs: number): void {
    if (now - this.lastSweep < 10_000) return;
    this.lastSweep = now;
    for (const [key, last] of this.lastUse) {
      if (now - last < idleMs) break;
      this.lastUse.delete(key);
    }
  }
}

/**
 * Every replica: a key per session that expires after `idleMs` without use, so it exists exactly
 * while the session is active. One round trip per touch (SET … XX refreshes an existing key).
 * While Redis is unreachable, this process's own memory answers (and says so once).
 */
export class RedisSessionActivity implements SessionActivityStore {
  private readonly redis: Redis;
  private readonly fallback = new MemorySessionActivity();
  private warned = false;

  constructor(url: string, private readonly prefix = 'bizenv:session:') {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.redis.on('error', () => {});
  }

  async touch(key: string, idleMs: number, fresh: boolean): Promise<boolean> {
    try {
      const redisKey = this.prefix + key;
      if ((await this.redis.set(redisKey, '1', 'PX', idleMs, 'XX')) === 'OK') return true;
      if (!fresh) return false;
      await this.redis.set(redisKey, '1', 'PX', idleMs);
      return true;
    } catch (error) {
      if (!this.warned) console.warn(`[session idle] Redis unreachable, tracking sessions in this process: ${(error as Error).message}`);
      this.warned = true;
      return this.fallback.touch(key, idleMs, fresh);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    await this.fallback.close();
  }
}

/**
 * Idle-session timeout for our own session tokens: a token not used for `idleMinutes` stops
 * working. A wall screen (only the SCREEN role) runs for days and is exempt; its token still
 * expires. Each process writes a session's use to the store at most every `refreshMs`.
 */
export class SessionIdleTimeout {
  private readonly idleMs: number;
  private readonly refreshMs: number;
  private readonly refreshed = new Map<string, number>();

  constructor(
    private readonly store: SessionActivityStore,
    idleMinutes: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.idleMs = idleMinutes * 60_000;
    this.refreshMs = Math.min(60_000, this.idleMs / 10);
  }

  /** `issuedAt`: the token's `iat` in seconds. Throws UNAUTHENTICATED when the session is idle. */
  async check(token: string, caller: Caller, issuedAt: number): Promise<void> {
    if (caller.roles.length && caller.roles.every((role) => role === Role.SCREEN)) return;
    const key = createHash('sha256').update(token).digest('hex');
    const now = this.clock();
    const last = this.refreshed.get(key);
    // Written within refreshMs by this process: the store holds it for far longer.
    if (last !== undefined && now - last < this.refreshMs) return;
    const active = await this.store.touch(key, this.idleMs, now - issuedAt * 1000 < this.idleMs);
    this.refreshed.delete(key);
    if (!active) throw new DomainError(ErrorCode.Unauthenticated, SESSION_IDLE);
    this.refreshed.set(key, now);
    this.forgetOld(now);
  }

  close(): Promise<void> {
    return this.store.close();
  }

  /** Entries older than refreshMs are no use any more; the map is in order of insertion. */
  private forgetOld(now: number): void {
    for (const [key, at] of this.refreshed) {
      if (now - at < this.refreshMs) break;
      this.refreshed.delete(key);
    }
  }
}
