/**
 * Benchmark: this system's gateway (Apollo Gateway 2.14) beside Hive Gateway serving the same
 * committed supergraph over the same running subgraphs, in the same process and run.
 *   ./node_modules/.bin/tsx test/bench/gateway-compare.ts [--seconds 10] [--concurrency 16] [--rounds 2] [--embedded]
 * The load (the screen's statistics snapshot of the city, as a query) comes from a worker thread.
 * Prints requests per second, p50/p99 and errors for each gateway, alternating rounds so that
 * drift of the machine falls on both, and the throughput ratio.
 *
 * Our gateway verifies the session token and signs a caller token per subgraph request; Hive
 * Gateway has no such hook here, so it forwards a caller token the benchmark signed once
 * (`x-gateway-auth`). That work (two HS256 operations per request) is part of our figure only.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { GATEWAY_AUTH_HEADER, signGatewayToken, verifySessionToken } from '@bizenv/common/auth';
import type { QueryCounter } from '@bizenv/common/query-counter';
import { databaseTargets } from '@bizenv/common/testing';
import { readSupergraph } from '../../scripts/system.js';
import { startTestSystem } from '../support/system.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '2' },
    embedded: { type: 'boolean', default: false },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Number(values.rounds);

export const SNAPSHOT = `query Snapshot($code: ID!) {
  region(code: $code) {
    code name level
    complaintStats { total open overdue dueSoon byDispatchStatus { status count } }
    taskStats { total open overdue yellow }
    serviceStats { enterprises openDemands overdueDemands }
    unitComplaintRanking(order: WORST_FIRST, first: 5) { rank unit { name } handled overdue smoothedOverdueRate }
    children { code name level complaintStats { open overdue } taskStats { overdue } serviceStats { overdueDemands } }
  }
}`;

const targets = await databaseTargets();
const factory = values.embedded ? targets[0] : (targets.find((t) => t.name === 'mariadb') ?? targets[0]);
const system = await startTestSystem(factory.create(), { rateLimitPerMinute: 100_000_000 });
const token = await system.login('city.leader');
const caller = await verifySessionToken(token, system.config.authSecret);

// Hive Gateway over the same supergraph, its subgraph URLs replaced by the running ones.
const urls = new Map<string, string>(system.subgraphs.map((s) => [s.name, s.url]));
const supergraph = readSupergraph().replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (_, name: string) => `@join__graph(name: "${name}", url: "${urls.get(name)}")`);
// Loaded by a name TypeScript does not follow: its graphql-yoga types widen graphql's
// `GraphQLErrorExtensions` for the whole program (headers as a record), which would break the
// gateway's own typing, where Apollo takes a HeaderMap.
const HIVE_GATEWAY = '@graphql-hive/gateway';
const { createGatewayRuntime } = await import(HIVE_GATEWAY);

/** Hive Gateway on a free port; by default it shares one subgraph fetch among identical in-flight queries. */
async function startHive(deduplicate: boolean) {
  const runtime = createGatewayRuntime({
    supergraph,
    logging: false,
    propagateHeaders: { fromClientToSubgraphs: ({ request }: { request: Request }) => ({ [GATEWAY_AUTH_HEADER]: request.headers.get(GATEWAY_AUTH_HEADER) ?? '' }) },
    ...(deduplicate ? {} : { transportEntries: { '*': { options: { deduplicateInflightRequests: false } } } }),
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await runtime.dispose();
    },
  };
}
const hive = await startHive(true);
const hiveWithoutDedupe = await startHive(false);

interface Result {
  requests: number;
  /** SQL statements of all subgraphs during the round: equal work per request, or one side skips some. */
  statements: number;
  errors: number;
  latencies: number[];
  firstError?: string;
}

const statements = () => system.subgraphs.reduce((sum, s) => sum + (s.dataSource.logger as QueryCounter).count, 0);

async function load(url: string, headers: Record<string, string>): Promise<Result> {
  const before = statements();
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
    workerData: { url, headers, body: JSON.stringify({ query: SNAPSHOT, variables: { code: '990100' } }), seconds: SECONDS, concurrency: CONCURRENCY },
  });
  const result = await new Promise<Omit<Result, 'statements'>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { ...result, statements: statements() - before };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const gateways = {
  'apollo (ours)': async () => load(system.gateway.url, { authorization: `Bearer ${token}` }),
  // a caller token lives 2 minutes: one per round
  'hive gateway': async () => load(hive.url, { [GATEWAY_AUTH_HEADER]: await signGatewayToken(caller, system.config.internalSecret) }),
  'hive gateway, no dedupe': async () =>
    load(hiveWithoutDedupe.url, { [GATEWAY_AUTH_HEADER]: await signGatewayToken(caller, system.config.internalSecret) }),
};
const totals = new Map<string, Result>(Object.keys(gateways).map((name) => [name, { requests: 0, statements: 0, errors: 0, latencies: [] }]));

console.log(`database: ${factory.name}; ${CONCURRENCY} concurrent clients, ${SECONDS} s per round, ${ROUNDS} rounds`);
// warm both (query plans, connection pools, JIT)
for (const run of Object.values(gateways)) await run();
for (let round = 1; round <= ROUNDS; round++) {
  for (const [name, run] of Object.entries(gateways)) {
    const result = await run();
    const total = totals.get(name)!;
    total.requests += result.requests;
    total.errors += result.errors;
    total.statements += result.statements;
    total.latencies.push(...result.latencies);
    total.firstError ??= result.firstError;
    console.log(`round ${round} ${name}: ${(result.requests / SECONDS).toFixed(1)} req/s, errors ${result.errors}`);
  }
}
const perSecond = (name: string) => totals.get(name)!.requests / (SECONDS * ROUNDS);
for (const [name, total] of totals) {
  const sorted = total.latencies.sort((a, b) => a - b);
  console.log(
    `${name}: ${perSecond(name).toFixed(1)} req/s, p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, SQL statements per request ${(total.statements / total.requests).toFixed(1)}, errors ${total.errors}${total.firstError ? ` (first: ${total.firstError})` : ''}`,
  );
}
for (const other of ['hive gateway', 'hive gateway, no dedupe']) {
  console.log(`throughput ratio apollo (ours) / ${other}: ${(perSecond('apollo (ours)') / perSecond(other)).toFixed(2)}`);
}

await hive.stop();
await hiveWithoutDedupe.stop();
await system.stop();
process.exit(0);
