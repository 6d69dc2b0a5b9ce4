import { Role, signSessionToken } from '@bizenv/common/auth';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support/system.js';

const embedded = { name: 'embedded' as const, dispose: async () => {} };
const STATS = 'subscription { regionStats(code: "990100") { code } }';

/** The handshake's outcome for a page of `origin` (none: not a browser): the HTTP refusal, or the socket opening. */
function handshake(system: TestSystem, origin?: string): Promise<number | 'open'> {
  return new Promise((done, fail) => {
    const socket = new WebSocket(system.gateway.url.replace(/^http/, 'ws'), 'graphql-transport-ws', origin ? { origin } : {});
    socket.on('unexpected-response', (_req, res) => done(res.statusCode!));
    socket.on('open', () => {
      socket.close();
      done('open');
    });
    socket.on('error', fail);
  });
}

/** Subscribes and resolves with the first frame, or the close code and reason if the socket closes first. */
function firstFrameOrClose(client: Client): Promise<{ data?: any; code?: number; reason?: string }> {
  return new Promise((done) => {
    client.on('closed', (event: any) => done({ code: event.code, reason: event.reason }));
    client.subscribe({ query: STATS }, { next: (frame) => done({ data: frame.data }), error: () => {}, complete: () => {} });
  });
}

/** The code and reason the socket closes with, and when. */
function closing(client: Client): Promise<{ code: number; reason: string; at: number }> {
  return new Promise((done) => client.on('closed', (event: any) => done({ code: event.code, reason: event.reason, at: Date.now() })));
}

describe('who may open a subscription, and for how long', () => {
  let system: TestSystem;
  let leader: string;
  let admin: string;

  beforeAll(async () => {
    // the gateway asks the organization subgraph about an API key again after 1 s
    system = await startTestSystem(embedded, { env: { API_KEY_CACHE_SECONDS: '1' } });
    [leader, admin] = [await system.login('city.leader'), await system.login('admin')];
  });

  afterAll(async () => {
    await system?.stop();
  });

  it("refuses a browser page of another origin at the handshake (403), and lets its own, the screen's dev server and non-browsers in", async () => {
    const own = new URL(system.gateway.url);
    expect(await handshake(system, 'https://evil.example')).toBe(403);
    expect(await handshake(system, `http://${own.hostname}:${Number(own.port) + 1}`)).toBe(403);
    expect(await handshake(system, 'null')).toBe(403);
    expect(await handshake(system, own.origin)).toBe('open');
    expect(await handshake(system, 'http://localhost:5173')).toBe('open');
    expect(await handshake(system)).toBe('open');

    // a non-browser client with a valid token gets its data
    const client = system.subscribe(leader);
    expect((await firstFrameOrClose(client)).data.regionStats.code).toBe('990100');
    await client.dispose();
  });

  it('closes a socket with a bad token, or none, with 4403 and the reason', async () => {
    for (const [params, reason] of [
      [{ authorization: 'Bearer not.a.token' }, '登录凭证无效或已过期，请重新登录'],
      [{ authorization: 'Basic abc' }, '登录凭证格式不正确，应为 Bearer 令牌'],
      [{ 'x-api-key': 'bk_unknown' }, 'API 密钥无效、已吊销或已过期'],
      [{}, '订阅需要登录令牌或 API 密钥'],
    ] as const) {
      const client = system.subscribe(params);
      expect(await firstFrameOrClose(client), JSON.stringify(params)).toEqual({ code: 4403, reason });
      await client.dispose();
    }
  });

  it('closes the socket with 4403 when its token expires', async () => {
    const caller = { id: 'user:short-lived', name: '短时令牌', roles: [Role.LEADER], regionCode: '990100' };
    // whole seconds: expiring 2–3 s from now
    const token = await signSessionToken(caller, system.config.authSecret, '3s');
    const expiresAt = Number(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp) * 1000;
    const client = system.subscribe(token);
    const closed = closing(client);
    expect((await firstFrameOrClose(client)).data.regionStats.code).toBe('990100');
    const { code, reason, at } = await closed;
    expect({ code, reason }).toEqual({ code: 4403, reason: '登录凭证无效或已过期，请重新登录' });
    expect(at).toBeGreaterThanOrEqual(expiresAt);
    expect(at - expiresAt).toBeLessThan(1500);
    await client.dispose();
  });

  it('closes the socket with 4403 within the API key cache window after the key is revoked', async () => {
    // API keys are the security administrator's (三员分立), where that account exists
    const keyAdmin = await system.login('security').catch(() => admin);
    const created = await system.query(
      'mutation { createApiKey(input: { name: "大屏统计接口", regionCode: "990100", scopes: [STATS_READ] }) { key apiKey { id } } }',
      {},
      keyAdmin,
    );
    expect(created.errors).toBeUndefined();
    const { key, apiKey } = created.data.createApiKey;
    const client = system.subscribe({ 'x-api-key': key });
    const closed = closing(client);
    expect((await firstFrameOrClose(client)).data.regionStats.code).toBe('990100');
    // still open well past the cache window while the key is valid
    await new Promise((done) => setTimeout(done, 2500));
    const revoked = await system.query('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: apiKey.id }, keyAdmin);
    expect(revoked.data.revokeApiKey.revokedAt).toEqual(expect.any(String));
    const revokedAt = Date.now();
    const { code, reason, at } = await closed;
    expect({ code, reason }).toEqual({ code: 4403, reason: 'API 密钥无效、已吊销或已过期' });
    // API_KEY_CACHE_SECONDS (1 s) and one re-check (1 s)
    expect(at - revokedAt).toBeLessThan(2500);
    await client.dispose();
  });

  it('answers what it can when a subgraph is down: its fields null, an error naming it, at once', async () => {
    const enterpriseService = system.subgraphs.find((s) => s.name === 'enterprise-service')!;
    await enterpriseService.stop();
    enterpriseService.stop = async () => {};
    const started = Date.now();
    const answer = await system.query('{ region(code: "990100") { name complaintStats { total } serviceStats { enterprises } } }', {}, leader);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(answer.status).toBe(200);
    expect(answer.data.region).toMatchObject({ name: '江湾市', complaintStats: { total: expect.any(Number) }, serviceStats: null });
    expect(answer.errors).toEqual([
      { message: '子系统 enterprise-service 暂时无法访问，其数据暂缺，请稍后重试', extensions: { code: 'SERVICE_UNAVAILABLE', service: 'enterprise-service' } },
    ]);
  });
});
