/**
 * Memory soak, accelerated: the big screen in headless Chromium while changes stream in.
 *   ./node_modules/.bin/tsx test/bench/screen-soak.ts [--minutes 5] [--rate 50] [--drill-every 30]
 * Starts the system on the embedded database, opens the screen, warms it up (every district
 * drilled into once, then 30 s of load), and then for N minutes writes `receiveComplaint`
 * through the API across all towns at `rate`/s and drills into a district and back through the
 * breadcrumb every `drill-every` seconds. The page's JS heap (after a forced GC) and its DOM
 * nodes and event listeners are sampled after warm-up, every minute and at the end, each time
 * with writes paused for a few seconds so that nothing is in flight; prints a table and the
 * growth end/start. Exits non-zero when the screen stopped following the API.
 *
 * More options: `--warmup <s>`; `--snapshots` adds a heap snapshot to every sample (V8 and
 * Blink objects; `Runtime.getHeapUsage` counts V8 only) and lists what grew by constructor;
 * `--dashboard <dir>` measures another build of the screen (e.g. an older commit's).
 */
import { parseArgs } from 'node:util';
import type { CDPSession } from 'playwright-core';
import { buildDashboardIfStale, DASHBOARD_DIST } from '../../scripts/build-dashboard.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { startTestSystem } from '../support/system.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    rate: { type: 'string', default: '50' },
    'drill-every': { type: 'string', default: '30' },
    warmup: { type: 'string', default: '30' },
    // a built screen to measure instead of dashboard/dist (e.g. an older commit's, to compare)
    dashboard: { type: 'string' },
    // a heap snapshot with every sample: V8 and Blink totals, what grew by constructor (slow)
    snapshots: { type: 'boolean', default: false },
  },
});
const MINUTES = Number(values.minutes);
const RATE = Number(values.rate);
const DRILL_EVERY_MS = Number(values['drill-every']) * 1000;
const WARMUP_MS = Number(values.warmup) * 1000;
const MAX_IN_FLIGHT = 32;
/** Before a sample: the live query's 100 ms batching, the feed's 1 s render, ECharts' 1 s update animation. */
const SETTLE_MS = 3000;
const CITY = '990100';
const CATEGORIES = ['ASKING_FAVOURS', 'BUCK_PASSING', 'ARBITRARY_CHARGES', 'BROKEN_PROMISES', 'BLACK_INTERMEDIARY', 'IRREGULAR_ENFORCEMENT', 'OTHER'];

if (!chromiumAvailable()) process.exit(1);
const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s`;
const log = (line: string) => console.log(`[${elapsed()}] ${line}`);

if (!values.dashboard) buildDashboardIfStale();
// The changes come from one account at RATE a second: lift the per-caller limit.
const system = await startTestSystem({ name: 'embedded', dispose: async () => {} }, { dashboardDir: values.dashboard ?? DASHBOARD_DIST, rateLimitPerMinute: 1_000_000 });
const browser = await launchChromium();
const hotline = await system.login('hotline');
const screenToken = await system.login('screen');

const tree = await system.query(`{ region(code: "${CITY}") { children { code name children { code } } } }`, {}, hotline);
const districts: { code: string; name: string; children: { code: string }[] }[] = tree.data.region.children;
const towns = districts.flatMap((d) => d.children.map((t) => t.code));
log(`system up; ${districts.length} districts, ${towns.length} towns; chromium ${browser.version()}`);

const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
const pageErrors: string[] = [];
page.on('pageerror', (error) => pageErrors.push(error.message));
page.on('console', (message) => {
  if (message.type() === 'error') pageErrors.push(message.text());
});
const cdp: CDPSession = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
await page.goto(`${system.gateway.url.replace(/\/graphql$/, '')}/screen/?token=${screenToken}`);
const map = page.getByTestId('region-map');
const cityCodes = districts.map((d) => d.code).join(',');
await waitFor(async () => (await map.getAttribute('data-codes')) === cityCodes, 15_000, 'the city map');

// ---- writer: receiveComplaint at RATE/s, across all towns, some already overdue ----

let written = 0;
let failed = 0;
let skipped = 0;
let inFlight = 0;
let sequence = 0;
let writerStarted = 0;
let writing = false;
let paused = false;
let writerLoop: Promise<void> | undefined;

function startWriter(): void {
  writing = true;
  writerStarted = Date.now();
  writerLoop = (async () => {
    let credit = 0;
    let last = Date.now();
    while (writing) {
      const now = Date.now();
      if (!paused) credit += ((now - last) / 1000) * RATE;
      last = now;
      for (; credit >= 1; credit--) {
        if (inFlight >= MAX_IN_FLIGHT) {
          skipped++;
          continue;
        }
        const n = sequence++;
        inFlight++;
        const receivedAt = n % 3 === 0 ? new Date(Date.now() - 40 * 86_400_000).toISOString() : undefined;
        system
          .query(
            'mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id } }',
            { input: { channel: 'HOTLINE_12345', category: CATEGORIES[n % CATEGORIES.length], title: `浸泡测试投诉${n}`, content: '浸泡测试', regionCode: towns[n % towns.length], receivedAt } },
            hotline,
          )
          .then(
            (result) => (result.errors ? failed++ : written++),
            () => failed++,
          )
          .finally(() => inFlight--);
      }
      await sleep(20);
    }
    while (inFlight > 0) await sleep(20);
  })();
}

/** Writes paused, in-flight ones done, frames and chart animations settled: samples compare like with like. */
async function quiet<T>(what: () => Promise<T>): Promise<T> {
  paused = true;
  try {
    while (inFlight > 0) await sleep(20);
    await sleep(SETTLE_MS);
    return await what();
  } finally {
    paused = false;
  }
}

async function stopWriter(): Promise<void> {
  writing = false;
  await writerLoop;
}

// ---- drill: into a district through the map, back through the breadcrumb ----

let drills = 0;
async function waitFor(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (await check()) return;
  throw new Error(`timed out waiting for ${what}`);
}

async function drill(district: { code: string; children: { code: string }[] }, stayMs: number): Promise<void> {
  await page.getByTestId('map-targets').locator(`button[data-code="${district.code}"]`).click();
  const childCodes = district.children.map((t) => t.code).join(',');
  await waitFor(async () => (await map.getAttribute('data-codes')) === childCodes, 15_000, `the map of ${district.code}`);
  await sleep(stayMs);
  await page.getByTestId('breadcrumb').locator(`[data-code="${CITY}"]`).click();
  await waitFor(async () => (await map.getAttribute('data-codes')) === cityCodes, 15_000, 'the city map again');
  drills++;
}

// ---- samples ----

interface Sample {
  label: string;
  heapUsed: number;
  heapTotal: number;
  /** Blink's count of live Node objects, detached ones included. */
  nodes: number;
  /** Elements in the document. */
  attached: number;
  listeners: number;
  documents: number;
  feedLines: number;
  canvases: number;
  written: number;
  drills: number;
  /** Share of wall time the page's main thread was busy since the previous sample. */
  busy: number | null;
  /** With --snapshots: every object in a heap snapshot (V8 and Blink), and Blink's cached shaped texts. */
  snapshotTotal?: number;
  shapedTexts?: number;
  /** Of which JavaScript, style recalculation and layout (same unit as `busy`). */
  script: number | null;
  style: number | null;
  layout: number | null;
  durations: { task: number; script: number; style: number; layout: number };
  at: number;
}
const samples: Sample[] = [];
const censuses: HeapCensus[] = [];

async function sample(label: string): Promise<Sample> {
  // twice, a moment apart: Blink sweeps dead DOM nodes after the collection, and the first
  // collection can leave finalised objects that only the second frees
  await cdp.send('HeapProfiler.collectGarbage');
  await sleep(1000);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const counts = await page.evaluate(() => ({
    attached: document.getElementsByTagName('*').length,
    feedLines: document.querySelectorAll('[data-testid="feed-item"]').length,
    canvases: document.querySelectorAll('canvas').length,
  }));
  const result: Sample = {
    label,
    heapUsed: heap.usedSize,
    heapTotal: heap.totalSize,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    documents: metric('Documents'),
    ...counts,
    written,
    drills,
    busy: null,
    script: null,
    style: null,
    layout: null,
    durations: { task: metric('TaskDuration'), script: metric('ScriptDuration'), style: metric('RecalcStyleDuration'), layout: metric('LayoutDuration') },
    at: Date.now(),
  };
  if (values.snapshots) {
    const census = await heapCensus();
    censuses.push(census);
    result.snapshotTotal = [...census.values()].reduce((sum, entry) => sum + entry.size, 0);
    result.shapedTexts = census.get('blink::PlainTextNode')?.count ?? 0;
  }
  const previous = samples.at(-1);
  if (previous) {
    const share = (key: keyof Sample['durations']) => (result.durations[key] - previous.durations[key]) / ((result.at - previous.at) / 1000);
    result.busy = share('task');
    result.script = share('script');
    result.style = share('style');
    result.layout = share('layout');
  }
  samples.push(result);
  log(`sample ${label}: heap ${mb(result.heapUsed)} MB, ${result.nodes} nodes, ${result.listeners} listeners, ${written} written, ${drills} drills`);
  return result;
}

type HeapCensus = Map<string, { count: number; size: number }>;

/** Objects on the page's heap by constructor (strings, code, arrays by kind): count and self size. */
async function heapCensus(): Promise<HeapCensus> {
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }) => chunks.push(event.chunk);
  await cdp.send('HeapProfiler.enable');
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snapshot = JSON.parse(chunks.join('')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const census: HeapCensus = new Map();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt]];
    const key = type === 'object' || type === 'native' || type === 'closure' ? `${snapshot.strings[snapshot.nodes[i + nameAt]]}${type === 'closure' ? '()' : ''}` : `(${type})`;
    const entry = census.get(key) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += snapshot.nodes[i + sizeAt];
    census.set(key, entry);
  }
  return census;
}

function printCensusGrowth(from: string, before: HeapCensus, after: HeapCensus): void {
  const keys = new Set([...before.keys(), ...after.keys()]);
  const rows = [...keys]
    .map((key) => ({ key, a: before.get(key) ?? { count: 0, size: 0 }, b: after.get(key) ?? { count: 0, size: 0 } }))
    .filter((r) => r.b.size !== r.a.size)
    .sort((x, y) => y.b.size - y.a.size - (x.b.size - x.a.size));
  console.log(`\nheap snapshot ${from} → end, largest growth by constructor (self size):`);
  for (const r of rows.slice(0, 15)) {
    console.log(`  ${r.key.slice(0, 48).padEnd(48)} ${String(r.a.count).padStart(7)} → ${String(r.b.count).padEnd(7)} ${((r.b.size - r.a.size) / 1024).toFixed(1).padStart(8)} KiB`);
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);

async function screenNumber(testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).textContent());
}

// ---- run ----

let status = 0;
try {
  log(`warm-up: every district once, then ${WARMUP_MS / 1000} s at ${RATE}/s`);
  startWriter();
  for (const district of districts) await drill(district, 1000);
  await sleep(WARMUP_MS);
  await quiet(() => sample('start'));

  const end = Date.now() + MINUTES * 60_000;
  let nextSample = Date.now() + 60_000;
  let nextDrill = Date.now() + DRILL_EVERY_MS;
  let minute = 0;
  let d = 0;
  while (Date.now() < end) {
    if (Date.now() >= nextDrill) {
      await drill(districts[d++ % districts.length], 3000);
      nextDrill += DRILL_EVERY_MS;
    }
    if (Date.now() >= nextSample && Date.now() < end - 5_000) {
      await quiet(() => sample(`${++minute} min`));
      nextSample += 60_000;
    }
    await sleep(200);
  }
  await stopWriter();
  log(`writer stopped: ${written} written (${(written / ((Date.now() - writerStarted) / 1000)).toFixed(1)}/s), ${failed} failed, ${skipped} writes skipped at ${MAX_IN_FLIGHT} in flight`);

  // the screen must still follow the API after all that
  const api = (await system.query(`{ region(code: "${CITY}") { complaintStats { open overdue } } }`, {}, hotline)).data.region.complaintStats;
  try {
    await waitFor(async () => (await screenNumber('open-complaints')) === api.open && (await screenNumber('overdue-complaints')) === api.overdue, 10_000, 'the final numbers');
    log(`screen shows open ${api.open}, overdue ${api.overdue}: equal to the API`);
  } catch {
    status = 1;
    log(`FAIL: screen shows open ${await screenNumber('open-complaints')}, overdue ${await screenNumber('overdue-complaints')}; API: open ${api.open}, overdue ${api.overdue}`);
  }
  await sleep(SETTLE_MS);
  await sample('end');
  if (censuses.length > 1) printCensusGrowth('start', censuses[0], censuses.at(-1)!);
  // past the first minute's warm-up (JIT, caches filling up): what still grows
  if (censuses.length > 3) printCensusGrowth('1 min', censuses[1], censuses.at(-1)!);
} catch (error) {
  status = 1;
  console.error(error);
} finally {
  writing = false;
  await writerLoop?.catch(() => {});
}

const header = ['sample', 'JS heap used', 'heap total', 'DOM nodes', 'elements', 'listeners', 'documents', 'feed lines', 'canvases', 'written', 'drills', 'main thread busy', 'script', 'style', 'layout'];
const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(0)} %`);
const rows = samples.map((s) =>
  [s.label, `${mb(s.heapUsed)} MB`, `${mb(s.heapTotal)} MB`, s.nodes, s.attached, s.listeners, s.documents, s.feedLines, s.canvases, s.written, s.drills, percent(s.busy), percent(s.script), percent(s.style), percent(s.layout)]
    .concat(values.snapshots ? [`${mb(s.snapshotTotal ?? 0)} MB`, s.shapedTexts ?? 0] : [])
    .map(String),
);
if (values.snapshots) header.push('snapshot total', 'PlainTextNode');
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(`\nDOM nodes: Blink's live Node objects (detached ones not yet swept included); elements: in the document; main thread busy: TaskDuration since the previous sample / wall time, and of it script, style recalculation, layout.`);
console.log(`screen soak: ${MINUTES} min at ${RATE} receiveComplaint/s, a drill into a district and back every ${DRILL_EVERY_MS / 1000} s; 1920×1080`);
console.log(line(header));
for (const row of rows) console.log(line(row));
const first = samples.find((s) => s.label === 'start');
const last = samples.at(-1);
if (first && last && last !== first) {
  const ratio = (a: number, b: number) => (a / b).toFixed(3);
  console.log(
    `growth end/start: JS heap ${ratio(last.heapUsed, first.heapUsed)} (${((last.heapUsed - first.heapUsed) / 1024).toFixed(0)} KiB), ` +
      `DOM nodes ${ratio(last.nodes, first.nodes)}, listeners ${ratio(last.listeners, first.listeners)}` +
      (first.snapshotTotal && last.snapshotTotal ? `, heap snapshot (V8 + Blink) ${ratio(last.snapshotTotal, first.snapshotTotal)} (${((last.snapshotTotal - first.snapshotTotal) / 1024).toFixed(0)} KiB)` : ''),
  );
}
if (pageErrors.length) console.log(`page errors (${pageErrors.length}):\n  ${[...new Set(pageErrors)].slice(0, 10).join('\n  ')}`);

await page.close().catch(() => {});
await browser.close();
await system.stop();
process.exit(status);

