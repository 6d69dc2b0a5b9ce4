/**
 * Benchmark: the screen's snapshot and a paged complaint list on a generated province-sized data
 * set (scripts/scale/generate.ts, same --scale), MariaDB/MySQL.
 *   ./node_modules/.bin/tsx test/bench/scale.ts --scale 0.02 [--runs 40]
 * Prints, for the city, a county and a town: the snapshot's p50/p99 through the gateway, the same
 * subgraph requests sent straight to the subgraphs (the gateway's own cost as a ratio), and the
 * rows the database reads for it (ANALYZE of every statement); then page 1 and a deep page of
 * filtered complaint lists.
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import screenDocuments from '../../gateway/src/limits/screen-documents.json' with { type: 'json' };
import { scalePrefix, startScaleSystem } from '../../scripts/scale/scale-system.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '0.02' }, runs: { type: 'string', default: '40' } } });
const RUNS = Number(values.runs);
const system = await startScaleSystem(scalePrefix(Number(values.scale)));
const leader = await system.login('city.leader');

// The screen's live document as a one-off query: the snapshot a screen gets on (re)connect.
const SNAPSHOT = screenDocuments.documents.ScreenRegion.replace('subscription ScreenRegion($code:ID!){regionStats(code:$code)', 'query Snapshot($code:ID!){region(code:$code)');
const REGIONS = { city: '990100', county: '990105', town: '990105001' };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (n: number) => `${n.toFixed(1)} ms`;

// Every request the gateway sends to a subgraph, with when it started and ended.
interface SubgraphCall {
  url: string;
  init: RequestInit;
  start: number;
  end: number;
}
const subgraphUrls = new Set(system.subgraphs.map((s) => s.url));
let calls: SubgraphCall[] | null = null;
const realFetch = globalThis.fetch;
globalThis.fetch = async (input: any, init?: any) => {
  const url = String(input);
  if (!calls || !subgraphUrls.has(url)) return realFetch(input, init);
  const call: SubgraphCall = { url, init: { method: init.method, headers: init.headers, body: init.body }, start: performance.now(), end: 0 };
  calls.push(call);
  const response = await realFetch(input, init);
  const body = await response.text();
  call.end = performance.now();
  return new Response(body, { status: response.status, headers: response.headers });
};

// The statements the subgraphs run, for ANALYZE.
const statements: { subgraph: string; sql: string; parameters: unknown[] }[] = [];
let capturing = false;
for (const subgraph of system.subgraphs) {
  const logger = subgraph.dataSource.logger as { logQuery(sql: string, parameters?: unknown[]): void };
  const count = logger.logQuery.bind(logger);
  logger.logQuery = (sql, parameters = []) => {
    count(sql, parameters);
    if (capturing && /^\s*SELECT/i.test(sql)) statements.push({ subgraph: subgraph.name, sql, parameters });
  };
}

async function viaGateway(document: string, variables: Record<string, unknown>): Promise<{ time: number; calls: SubgraphCall[] }> {
  calls = [];
  const start = performance.now();
  await system.query(document, variables, leader);
  const time = performance.now() - start;
  const made = calls;
  calls = null;
  return { time, calls: made };
}

/** The gateway's subgraph requests again, straight to the subgraphs: each wave after the one it waited for. */
async function direct(made: SubgraphCall[]): Promise<number> {
  const waves: SubgraphCall[][] = [];
  for (const call of [...made].sort((a, b) => a.start - b.start)) {
    const last = waves.at(-1);
    // It started before any of the current wave ended: it did not wait for them.
    if (last && last.every((c) => call.start < c.end)) last.push(call);
    else waves.push([call]);
  }
  const start = performance.now();
  for (const wave of waves) await Promise.all(wave.map((c) => realFetch(c.url, c.init).then((r) => r.text())));
  return performance.now() - start;
}

/** Rows each table access read (r_loops × r_rows of ANALYZE FORMAT=JSON), summed over the captured statements. */
async function rowsRead(): Promise<{ statements: number; rows: number; byTable: Map<string, number> }> {
  let rows = 0;
  const byTable = new Map<string, number>();
  const walk = (subgraph: string, node: unknown): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(subgraph, n));
    if (!node || typeof node !== 'object') return;
    const step = node as { table_name?: string; r_loops?: number; r_rows?: number };
    if (step.table_name && typeof step.r_rows === 'number') {
      const read = step.r_rows * (step.r_loops ?? 1);
      rows += read;
      const table = `${subgraph}.${step.table_name}`;
      byTable.set(table, (byTable.get(table) ?? 0) + read);
    }
    for (const value of Object.values(node)) walk(subgraph, value);
  };
  for (const { subgraph, sql, parameters } of statements) {
    const source = system.subgraphs.find((s) => s.name === subgraph)!.dataSource;
    const [plan] = await source.query(`ANALYZE FORMAT=JSON ${sql}`, parameters);
    walk(subgraph, JSON.parse(Object.values(plan as object)[0] as string));
  }
  return { statements: statements.length, rows: Math.round(rows), byTable };
}

const counts = (await system.subgraphs.find((s) => s.name === 'complaints')!.dataSource.query(
  "SELECT COUNT(*) total, SUM(dispatchStatus <> 'CLOSED') open, SUM(dispatchStatus <> 'CLOSED' AND dueAt < UTC_TIMESTAMP(3)) overdue FROM complaint",
))[0];
const enterprises = (await system.subgraphs.find((s) => s.name === 'enterprise-service')!.dataSource.query('SELECT COUNT(*) n FROM enterprise'))[0].n;
console.log(`machine: ${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; Node ${process.version}`);
console.log(`data: scale ${values.scale}: ${counts.total} complaints (${counts.open} open, ${counts.overdue} overdue), ${enterprises} enterprises`);
console.log(`\nsnapshot (ScreenRegion as a query, as city.leader), ${RUNS} runs each after 5 warm-up`);
for (const [level, code] of Object.entries(REGIONS)) {
  for (let i = 0; i < 5; i++) await viaGateway(SNAPSHOT, { code });
  const gateway: number[] = [];
  const straight: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await viaGateway(SNAPSHOT, { code });
    gateway.push(run.time);
    straight.push(await direct(run.calls));
  }
  gateway.sort((a, b) => a - b);
  straight.sort((a, b) => a - b);
  capturing = true;
  statements.length = 0;
  const sample = await viaGateway(SNAPSHOT, { code });
  capturing = false;
  const read = await rowsRead();
  const perSubgraph = [...new Set(statements.map((s) => s.subgraph))].map((name) => `${name} ${statements.filter((s) => s.subgraph === name).length}`).join(', ');
  const top = [...read.byTable].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([t, n]) => `${t} ${Math.round(n)}`).join(', ');
  console.log(
    `  ${level.padEnd(6)} ${code.padEnd(9)} gateway p50 ${ms(percentile(gateway, 50))}, p99 ${ms(percentile(gateway, 99))} | direct p50 ${ms(percentile(straight, 50))}, p99 ${ms(percentile(straight, 99))} | ratio p50 ${(percentile(gateway, 50) / percentile(straight, 50)).toFixed(2)}` +
      ` | ${sample.calls.length} subgraph requests, ${read.statements} SELECTs (${perSubgraph}), ${read.rows} rows read (most: ${top})`,
  );
}

// Lists: page 1, and a deep page reached with the cursor of the row before it (as `after` would carry it).
const LIST = 'query($f: ComplaintFilter, $after: String) { complaints(filter: $f, first: 20, after: $after) { totalCount pageInfo { endCursor } edges { node { id title dispatchStatus receivedAt } } } }';
const LIST_NO_COUNT = LIST.replace('totalCount ', '');
const complaintsDb = system.subgraphs.find((s) => s.name === 'complaints')!.dataSource;
const FILTERS: [string, Record<string, unknown>, string][] = [
  ['city, all', { regionCode: '990100' }, "regionCode LIKE '9901%'"],
  ['county, ACCEPTED', { regionCode: '990105', dispatchStatus: 'ACCEPTED' }, "regionCode LIKE '990105%' AND dispatchStatus = 'ACCEPTED'"],
  ['city, CLOSED', { regionCode: '990100', dispatchStatus: 'CLOSED' }, "regionCode LIKE '9901%' AND dispatchStatus = 'CLOSED'"],
  ['city, overdue', { regionCode: '990100', overdue: true }, "regionCode LIKE '9901%' AND dispatchStatus <> 'CLOSED' AND dueAt < UTC_TIMESTAMP(3)"],
  ['town, all', { regionCode: '990105001' }, "regionCode LIKE '990105001%'"],
];
console.log(`\ncomplaint list, 20 a page, newest first (${Math.max(5, RUNS / 4)} runs each; p50)`);
for (const [name, filter, where] of FILTERS) {
  const total = Number((await complaintsDb.query(`SELECT COUNT(*) n FROM complaint WHERE ${where}`))[0].n);
  const pages = Math.floor((total - 1) / 20) + 1;
  const deep = Math.min(10_000, pages);
  const before = deep > 1 ? (await complaintsDb.query(`SELECT id, receivedAt FROM complaint WHERE ${where} ORDER BY receivedAt DESC, id DESC LIMIT 1 OFFSET ?`, [(deep - 1) * 20 - 1]))[0] : null;
  const after = before ? Buffer.from(JSON.stringify([{ t: before.receivedAt.toISOString() }, before.id])).toString('base64url') : null;
  const time = async (document: string, cursor: string | null) => {
    const times: number[] = [];
    for (let i = 0; i < Math.max(5, RUNS / 4) + 2; i++) times.push((await viaGateway(document, { f: filter, after: cursor })).time);
    return percentile(times.slice(2).sort((a, b) => a - b), 50);
  };
  console.log(
    `  ${name.padEnd(17)} ${String(total).padStart(7)} rows: page 1 ${ms(await time(LIST, null))}, page ${deep} ${ms(await time(LIST, after))}; without totalCount: page 1 ${ms(await time(LIST_NO_COUNT, null))}, page ${deep} ${ms(await time(LIST_NO_COUNT, after))}`,
  );
}

globalThis.fetch = realFetch;
await system.stop();
