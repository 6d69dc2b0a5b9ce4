import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { REPO_ROOT } from '@bizenv/common/config';
import { RedisStreamEventBus, type DomainEvent } from '@bizenv/common/event-bus';
import { runSubgraph, type RunningSubgraph } from '@bizenv/common/subgraph';
import type { RunningServer } from '@bizenv/common/subgraph-server';
import { databaseTargets, TEST_IDENTITY_KEYS, TEST_SECRET, testRedisUrl, testStream, type DatabaseTarget } from '@bizenv/common/testing';
import { Channel, ComplaintCategory } from '@bizenv/complaints/complaint/complaint-enums';
import { Complaint } from '@bizenv/complaints/complaint/complaint.entity';
import { startGateway } from '@bizenv/gateway/server';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphDefinitions } from '../scripts/subgraphs.js';
import { eventually } from './support/system.js';

const REDIS_URL = await testRedisUrl();
const MARIADB = (await databaseTargets()).find((t) => t.name === 'mariadb');
const AUTH_SECRET = new TextEncoder().encode('replicas-test-auth-secret-0123456789abcdef');

/**
 * Several replicas on one machine, as in a deployment past one process: every subgraph once and
 * the complaints subgraph twice on one MariaDB, two gateways, events through Redis Streams.
 */
describe.runIf(REDIS_URL && MARIADB)('replicas sharing MariaDB and Redis Streams', () => {
  let target: DatabaseTarget;
  const buses: RedisStreamEventBus[] = [];
  const subgraphs: RunningSubgraph<any>[] = [];
  const gateways: RunningServer[] = [];
  const published: DomainEvent[] = [];

  beforeAll(async () => {
    target = MARIADB!.create();
    const stream = testStream();
    const bus = () => {
      const created = new RedisStreamEventBus(REDIS_URL!, stream);
      buses.push(created);
      return created;
    };
    bus().subscribe((event) => published.push(event));
    const definitions = subgraphDefinitions({ authSecret: AUTH_SECRET, production: false, identity: TEST_IDENTITY_KEYS });
    const names = ['organization', 'tasks', 'complaints', 'complaints', 'enterprise-service'] as const;
    for (const name of names) {
      subgraphs.push(
        await runSubgraph(definitions[name], {
          databaseUrl: target.databaseUrl, bus: bus(), internalSecret: TEST_SECRET, port: 0, host: '127.0.0.1', seed: true, testClock: true,
        }),
      );
    }
    const [first, second] = subgraphs.filter((s) => s.name === 'complaints');
    const urlsFor = (complaints: RunningSubgraph<any>) =>
      Object.fromEntries(subgraphs.filter((s) => s.name !== 'complaints').map((s) => [s.name, s.url]).concat([['complaints', complaints.url]]));
    const supergraphSdl = readFileSync(`${REPO_ROOT}/schema/supergraph.graphql`, 'utf8');
    for (const complaints of [first, second]) {
      gateways.push(
        await startGateway({
          supergraphSdl, subgraphUrls: urlsFor(complaints), internalSecret: TEST_SECRET, authSecret: AUTH_SECRET,
          bus: bus(), port: 0, host: '127.0.0.1', production: false,
        }),
      );
    }
  }, 120_000);

  afterAll(async () => {
    for (const gateway of gateways) await gateway.stop();
    for (const subgraph of subgraphs.reverse()) await subgraph.stop();
    for (const bus of buses) await bus.close();
    await target?.dispose();
  });

  const query = async (gateway: RunningServer, document: string, variables: Record<string, unknown> = {}, token?: string) =>
    (await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: document, variables }),
    })).json();
  const login = async (username: string) =>
    (await query(gateways[0], 'mutation($u: String!) { login(username: $u, password: "Demo@2026") { token } }', { u: username })).data.login.token as string;
  const watch = (gateway: RunningServer, token: string, document: string, variables: Record<string, unknown>) => {
    const client = createClient({ url: gateway.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
    const frames: any[] = [];
    const stop = client.subscribe({ query: document, variables }, { next: (f) => frames.push(f), error: () => {}, complete: () => {} });
    return { frames, close: async () => (stop(), await client.dispose()) };
  };

  it('delivers a change made through either gateway to subscribers on both', async () => {
    const token = await login('hotline');
    const stats = 'subscription { regionStats(code: "990103") { complaintStats { total } } }';
    const [a, b] = gateways.map((g) => watch(g, token, stats, {}));
    try {
      const start = await eventually(() => a.frames[0] && b.frames[0] && a.frames[0].data.regionStats.complaintStats.total);
      for (const [i, via] of gateways.entries()) {
        const result = await query(via, 'mutation($i: ReceiveComplaintInput!) { receiveComplaint(input: $i) { id } }', {
          i: { channel: 'HOTLINE_12345', category: 'OTHER', title: `经网关${i}`, content: '内容', regionCode: '990103004' },
        }, token);
        expect(result.errors).toBeUndefined();
        for (const watcher of [a, b]) {
          await eventually(() => watcher.frames.some((f) => f.data.regionStats.complaintStats.total === start + i + 1));
        }
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('lets a feed resume on the other gateway from the version the first one gave', async () => {
    const token = await login('hotline');
    const feed = 'subscription($after: String) { dispatchEvents(regionCode: "990121", after: $after) { version reset events { title } } }';
    const onA = watch(gateways[0], token, feed, {});
    await eventually(() => onA.frames[0]);
    await query(gateways[0], 'mutation($i: ReceiveComplaintInput!) { receiveComplaint(input: $i) { id } }', {
      i: { channel: 'WECHAT', category: 'OTHER', title: '重连前', content: '内容', regionCode: '990121002' },
    }, token);
    await eventually(() => onA.frames.some((f) => f.data.dispatchEvents.events.length));
    const version = onA.frames.at(-1).data.dispatchEvents.version;
    await onA.close();
    await query(gateways[1], 'mutation($i: ReceiveComplaintInput!) { receiveComplaint(input: $i) { id } }', {
      i: { channel: 'WECHAT', category: 'OTHER', title: '重连期间', content: '内容', regionCode: '990121003' },
    }, token);
    await eventually(() => published.some((e) => e.payload.title === '重连期间'));
    const onB = watch(gateways[1], token, feed, { after: version });
    try {
      const frame = await eventually(() => onB.frames[0]);
      expect(frame.data.dispatchEvents).toMatchObject({ reset: false, events: [{ title: '重连期间' }] });
    } finally {
      await onB.close();
    }
  });

  it('produces a deadline transition once, whichever complaints replica wins', async () => {
    const [first] = subgraphs.filter((s) => s.name === 'complaints');
    const id = randomUUID();
    const dueAt = new Date(Date.now() + 800);
    await first.outbox.write(async (manager) => {
      await manager.insert(Complaint, {
        id, channel: Channel.HOTLINE_12345, category: ComplaintCategory.OTHER, title: '两个副本', content: '临期',
        regionCode: '990104004', unitId: null, receivedAt: new Date(), replyDueAt: dueAt, closeDueAt: dueAt,
        deadlineProvisional: false, dueAt, dispatchStatus: DispatchStatus.ACCEPTED, version: 1,
      });
    });
    await eventually(() => published.some((e) => e.topic === 'complaint.overdue' && e.payload.id === id), 5000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(published.filter((e) => e.topic === 'complaint.overdue' && e.payload.id === id)).toHaveLength(1);
  });

  it('refuses a token signed with another key on every replica', async () => {
    for (const gateway of gateways) {
      const result = await query(gateway, '{ region(code: "990100") { name } }', {}, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');
      expect(result.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });
});
