/**
 * Test support shared by the subgraphs' integration tests and the end-to-end tests: the two
 * databases every test runs on, and a signed call straight to a subgraph.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { signGatewayToken, type Caller } from './auth.js';
import { SUBGRAPHS } from './config.js';
import { InProcessEventBus, type DomainEvent } from './event-bus.js';
import { runSubgraph, type RunningSubgraph, type SubgraphDefinition } from './subgraph.js';
import { databaseName } from './data-source.js';
import { now, setClockOffset } from './clock.js';
import { shanghaiDate, type YearSchedule } from './working-days.js';
import type { FieldKeys } from './field-crypto.js';

export interface DatabaseTarget {
  name: 'embedded' | 'mariadb';
  /** A fresh database prefix on the server; undefined for the in-memory embedded database. */
  databaseUrl?: string;
  dispose(): Promise<void>;
}

const MYSQL_SERVER = process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306';

async function mysqlReachable(): Promise<boolean> {
  try {
    const url = new URL(MYSQL_SERVER);
    const connection = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), connectTimeout: 5000 });
    await connection.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * The databases to run on: always the embedded one; MariaDB/MySQL when reachable. In CI an
 * unreachable server is a failure, not a skip.
 */
export async function databaseTargets(): Promise<{ name: DatabaseTarget['name']; create: () => DatabaseTarget }[]> {
  const targets: { name: DatabaseTarget['name']; create: () => DatabaseTarget }[] = [
    { name: 'embedded', create: () => ({ name: 'embedded', dispose: async () => {} }) },
  ];
  if (await mysqlReachable()) {
    targets.push({
      name: 'mariadb',
      create: () => {
        const databaseUrl = `${MYSQL_SERVER}/bizenv_t${randomBytes(4).toString('hex')}`;
        return { name: 'mariadb', databaseUrl, dispose: () => dropDatabases(databaseUrl) };
      },
    });
  } else if (process.env.CI) {
    throw new Error(`CI requires MariaDB/MySQL at ${MYSQL_SERVER} (set TEST_MYSQL_URL)`);
  } else {
    console.warn(`[test] MariaDB/MySQL not reachable at ${MYSQL_SERVER}: running on the embedded database only`);
  }
  return targets;
}

/** Drops the four subgraph databases under `databaseUrl`'s prefix (tests, benchmark data sets). */
export async function dropDatabases(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const connection = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
  try {
    for (const service of SUBGRAPHS) await connection.query(`DROP DATABASE IF EXISTS \`${databaseName(databaseUrl, service)}\``);
  } finally {
    await connection.end();
  }
}

/** The Redis server for tests, or null (skipped locally, a failure in CI) when unreachable. */
export async function testRedisUrl(): Promise<string | null> {
  const url = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
    return url;
  } catch {
    if (process.env.CI) throw new Error(`CI requires Redis at ${url} (set TEST_REDIS_URL)`);
    console.warn(`[test] Redis not reachable at ${url}: tests that need it are skipped`);
    return null;
  } finally {
    probe.disconnect();
  }
}

/** A stream name of its own, so tests running at once do not read each other's events. */
export function testStream(): string {
  return `bizenv:test:${randomBytes(6).toString('hex')}`;
}

export const TEST_SECRET = new TextEncoder().encode(randomBytes(32).toString('hex'));

/** A fresh AES-256-GCM key for the complaints subgraph's complainant identities (`complaintsSubgraph({ identity })`). */
export const TEST_IDENTITY_KEYS: FieldKeys = { current: { cipher: 'aes-256-gcm', key: randomBytes(32) }, old: [] };

/** Calls a subgraph directly, signed as the gateway would sign for `caller` (with `secret`, the test key unless given). */
export async function callSubgraph(url: string, caller: Caller | null, query: string, variables: Record<string, unknown> = {}, secret: Uint8Array = TEST_SECRET) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gateway-auth': await signGatewayToken(caller, secret) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** A subgraph on `target` for one test file, every event it publishes pushed into `events`. */
export function startTestSubgraph<TDeps extends object>(
  definition: SubgraphDefinition<TDeps>,
  target: DatabaseTarget,
  events: DomainEvent[],
  seed = false,
): Promise<RunningSubgraph<TDeps>> {
  const bus = new InProcessEventBus();
  bus.subscribe((event) => events.push(event));
  return runSubgraph(definition, { databaseUrl: target.databaseUrl, bus, internalSecret: TEST_SECRET, port: 0, host: '127.0.0.1', seed, testClock: true });
}

/** Polls until `check` gives something truthy (awaiting it if need be), failing after `ms`. */
export async function eventually<T>(check: () => T | Promise<T>, ms = 5000): Promise<NonNullable<T>> {
  for (const start = Date.now(); Date.now() - start < ms; ) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`condition not met within ${ms} ms`);
}

interface ConnectionPage<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/**
 * Every node of a paginated list, following `endCursor` from the first page to the last. Each
 * page must report the same `totalCount`, and the nodes must add up to it.
 */
export async function allPages<T>(fetchPage: (after: string | null) => Promise<ConnectionPage<T>>): Promise<{ nodes: T[]; totalCount: number }> {
  const nodes: T[] = [];
  const first = await fetchPage(null);
  for (let page = first; ; page = await fetchPage(page.pageInfo.endCursor)) {
    if (page.totalCount !== first.totalCount) throw new Error(`totalCount changed between pages: ${first.totalCount} → ${page.totalCount}`);
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) break;
  }
  if (nodes.length !== first.totalCount) throw new Error(`pages held ${nodes.length} items, totalCount says ${first.totalCount}`);
  return { nodes, totalCount: first.totalCount };
}

/**
 * Reads at a moment when none of `dueTimes` passes (ms since the epoch), retrying otherwise, so
 * that rows read straight from the database give one expected "overdue" for the whole read.
 */
export async function readSteadily<T>(dueTimes: number[], read: () => Promise<T>): Promise<{ at: number; value: T }> {
  for (;;) {
    const at = Date.now();
    const value = await read();
    const end = Date.now();
    if (!dueTimes.some((due) => due >= at && due <= end)) return { at, value };
  }
}

/**
 * Next year, which no packaged calendar has (the package ends with the current year), with a
 * made-up schedule as an administrator would load it: 1–5 January off (at least three weekdays),
 * the first Saturday from 9 January a make-up workday.
 */
export function unpublishedYear(): YearSchedule {
  const year = Number(shanghaiDate(now()).slice(0, 4)) + 1;
  const saturday = Array.from({ length: 7 }, (_, i) => `${year}-01-${String(9 + i).padStart(2, '0')}`).find((date) => new Date(`${date}T00:00:00Z`).getUTCDay() === 6)!;
  return { year, holidays: [1, 2, 3, 4, 5].map((day) => `${year}-01-0${day}`), workdays: [saturday] };
}

/** Moves this process's test clock forward to `at`, unless it is already there. */
export function moveClockTo(at: Date): void {
  if (at > now()) setClockOffset(at.getTime() - Date.now());
}
