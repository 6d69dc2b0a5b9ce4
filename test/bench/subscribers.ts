/**
 * Benchmark: many wall screens on one machine while changes stream in.
 *   ./node_modules/.bin/tsx test/bench/subscribers.ts [--subscribers 1000] [--rate 100] [--seconds 20] [--embedded]
 * Prints the delay from a change's write (just before its commit) to the frame that shows it,
 * per subscriber, and the database statements per change with 1 and with N subscribers.
 */
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { comparePositions, type DomainEvent } from '@bizenv/common/event-bus';
import type { QueryCounter } from '@bizenv/common/query-counter';
import { databaseTargets } from '@bizenv/common/testing';
import { startTestSystem } from '../support/system.js';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '20' },
    embedded: { type: 'boolean', default: false },
  },
});
const SUBSCRIBERS = Number(values.subscribers);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);

const targets = await databaseTargets();
const factory = values.embedded ? targets[0] : (targets.find((t) => t.name === 'mariadb') ?? targets[0]);
const target = factory.create();
// The load comes from one writer and one subscriber account: lift the per-caller limit.
const system = await startTestSystem(target, { rateLimitPerMinute: 1_000_000 });
// Every published event, with its bus position, as the gateway sees it.
const events: DomainEvent[] = [];
system.bus.subscribe((event) => events.push(event));

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const statements = () => system.subgraphs.reduce((sum, s) => sum + (s.dataSource.logger as QueryCounter).count, 0);

const QUERY = 'subscription { regionStats(code: "990100") { complaintStats { total open overdue } taskStats { overdue } serviceStats { overdueDemands } } }';
const WORKERS = 2;

function ask<T>(worker: Worker, message: string): Promise<T> {
  return new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(message);
  });
}

async function run(subscriberCount: number, seconds: number) {
  // not the screen account: a screen token runs only the screen's own documents
  const token = await system.login('city.leader');
  const writer = await system.login('hotline');
  const url = system.gateway.url.replace(/^http/, 'ws');
  const workers = Array.from({ length: Math.min(WORKERS, subscriberCount) }, (_, i) => {
    const count = Math.floor(subscriberCount / WORKERS) + (i < subscriberCount % WORKERS ? 1 : 0);
    return new Worker(new URL('./subscriber-worker.mjs', import.meta.url), { workerData: { url, token, count, query: QUERY } });
  });
  let connected = 0;
  for (const deadline = Date.now() + 60_000; connected < subscriberCount && Date.now() < deadline; ) {
    await new Promise((r) => setTimeout(r, 200));
    connected = (await Promise.all(workers.map((w) => ask<{ connected: number }>(w, 'status')))).reduce((sum, r) => sum + r.connected, 0);
  }
  await Promise.all(workers.map((w) => ask(w, 'status')));

  const seen = events.length;
  const before = statements();
  const towns = ['990102001', '990103002', '990104003', '990121004', '990171001', '990172002'];
  const total = seconds * RATE;
  const pending: Promise<{ errors?: unknown }>[] = [];
  const start = Date.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      system.query('mutation($i: ReceiveComplaintInput!) { receiveComplaint(input: $i) { id } }', {
        i: { channel: 'HOTLINE_12345', category: 'OTHER', title: `压测${i}`, content: '压测', regionCode: towns[i % towns.length] },
      }, writer),
    );
  }
  const results = await Promise.all(pending);
  const failed = results.filter((r) => r.errors).length;
  const achieved = total / ((Date.now() - start) / 1000);
  await new Promise((r) => setTimeout(r, 2000));
  const changes = events.slice(seen).filter((e) => e.topic === 'complaint.received');
  const perChange = (statements() - before) / changes.length;
  const received = (await Promise.all(workers.map((w) => ask<{ frames: [string, number][][] }>(w, 'collect')))).flatMap((r) => r.frames);
  await Promise.all(workers.map(async (w) => (await ask(w, 'close'), await w.terminate())));

  const delays: number[] = [];
  for (const frames of received) {
    let f = 0;
    for (const change of changes) {
      while (f < frames.length && comparePositions(frames[f][0], change.position!) < 0) f++;
      if (f < frames.length) delays.push(frames[f][1] - Date.parse(change.occurredAt));
    }
  }
  delays.sort((a, b) => a - b);
  // Where the time goes: write → published on the bus (the outbox relay), per change.
  const relay = changes.map((c) => Number(c.position!.split('-')[0]) - Date.parse(c.occurredAt)).sort((a, b) => a - b);
  const missing = received.length * changes.length - delays.length;
  return { connected, changes: changes.length, failed, achieved, perChange, delays, missing, relay };
}

console.log(`database: ${target.name}; ${RATE} changes/s for ${SECONDS} s`);
await run(1, 3); // warm-up (JIT, connection pools), not reported
for (const count of [1, SUBSCRIBERS]) {
  const result = await run(count, SECONDS);
  const d = result.delays;
  console.log(
    [
      `subscribers ${count} (connected ${result.connected})`,
      `changes ${result.changes} (failed writes ${result.failed}, achieved ${result.achieved.toFixed(1)}/s)`,
      `write→frame p50 ${percentile(d, 50)} ms, p99 ${percentile(d, 99)} ms, max ${d.at(-1)} ms over ${d.length} deliveries (missing ${result.missing})`,
      `of which write→published (outbox relay) p50 ${percentile(result.relay, 50)} ms, p99 ${percentile(result.relay, 99)} ms`,
      `SQL statements per change ${result.perChange.toFixed(2)}`,
    ].join('\n  '),
  );
}
await system.stop();
await target.dispose();
process.exit(0);
