import { randomUUID } from 'node:crypto';
import { Role, type Caller } from '@bizenv/common/auth';
import { testRedisUrl } from '@bizenv/common/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { MemorySessionActivity, RedisSessionActivity, SESSION_IDLE, SessionIdleTimeout } from './session-idle.js';

const hotline: Caller = { id: 'h', name: '受理员', roles: [Role.HOTLINE_OPERATOR], regionCode: '990100' };
const screen: Caller = { id: 's', name: '大屏', roles: [Role.SCREEN], regionCode: '990100' };
const MINUTE = 60_000;
const refused = { extensions: { code: 'UNAUTHENTICATED' }, message: SESSION_IDLE };

describe('idle-session timeout (in one process)', () => {
  let time = Date.parse('2026-03-02T01:00:00Z');
  const clock = () => time;
  const idle = new SessionIdleTimeout(new MemorySessionActivity(clock), 30, clock);
  const issuedNow = () => time / 1000;

  it('keeps a session in use alive, however long, and ends it after 30 minutes unused', async () => {
    const issuedAt = issuedNow();
    for (let i = 0; i < 10; i++) {
      await expect(idle.check('token-a', hotline, issuedAt)).resolves.toBeUndefined();
      time += 29 * MINUTE;
    }
    time += 2 * MINUTE;
    await expect(idle.check('token-a', hotline, issuedAt)).rejects.toMatchObject(refused);
    // and it stays ended
    await expect(idle.check('token-a', hotline, issuedAt)).rejects.toMatchObject(refused);
  });

  it('ends a token never used within 30 minutes of its issue, and tells tokens apart', async () => {
    const issuedAt = issuedNow();
    time += 31 * MINUTE;
    await expect(idle.check('token-b', hotline, issuedAt)).rejects.toMatchObject(refused);
    await expect(idle.check('token-c', hotline, issuedNow())).resolves.toBeUndefined();
  });

  it('exempts a wall screen (its token still expires), but not a screen account holding another role', async () => {
    const issuedAt = issuedNow();
    time += 3 * 24 * 60 * MINUTE;
    await expect(idle.check('screen-token', screen, issuedAt)).resolves.toBeUndefined();
    await expect(idle.check('mixed-token', { ...screen, roles: [Role.SCREEN, Role.LEADER] }, issuedAt)).rejects.toMatchObject(refused);
  });

  it('forgets ended sessions, so memory stays bounded', async () => {
    const store = new MemorySessionActivity(clock);
    for (let i = 0; i < 1000; i++) await store.touch(`t${i}`, 30 * MINUTE, true);
    time += 31 * MINUTE;
    await store.touch('last', 30 * MINUTE, true);
    expect((store as unknown as { lastUse: Map<string, number> }).lastUse.size).toBe(1);
  });
});

const REDIS_URL = await testRedisUrl();

describe.runIf(REDIS_URL)('idle-session timeout across gateway replicas (Redis)', () => {
  const prefix = `test:${randomUUID()}:session:`;
  // two gateways, each with its own store connection; 0.01 minutes = 600 ms
  const stores = [new RedisSessionActivity(REDIS_URL!, prefix), new RedisSessionActivity(REDIS_URL!, prefix)];
  const [first, second] = stores.map((store) => new SessionIdleTimeout(store, 0.01));

  afterAll(async () => {
    for (const store of stores) await store.close();
  });

  it('counts a use at one replica as activity at the other, and ends the session at both once idle', async () => {
    const issuedAt = Date.now() / 1000;
    for (let i = 0; i < 5; i++) {
      await expect(first.check('shared-token', hotline, issuedAt)).resolves.toBeUndefined();
      await new Promise((done) => setTimeout(done, 300));
    }
    // the second replica never saw it, and it was issued 1.5 s ago: alive only through the first's use
    await expect(second.check('shared-token', hotline, issuedAt)).resolves.toBeUndefined();
    await new Promise((done) => setTimeout(done, 800));
    await expect(first.check('shared-token', hotline, issuedAt)).rejects.toMatchObject(refused);
    await expect(second.check('shared-token', hotline, issuedAt)).rejects.toMatchObject(refused);
  });
});
