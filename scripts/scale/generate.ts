/**
 * A province-sized data set on MySQL/MariaDB, seeded and repeatable, loaded through the paths a
 * real deployment loads data: the region tree with `importRegions`, enterprises with
 * `importEnterprises` (valid credit codes), complaints with `importComplaints` (12345 CSV files
 * of 2,000 rows), tasks with `importCampaignTasks` — the imports in-process, the code each
 * mutation runs — then demands with `recordVisit` and problems with `registerProblem` through the
 * gateway, as the demo administrator (complaints as the 12345 operator).
 *
 *   ./node_modules/.bin/tsx scripts/scale/generate.ts --scale 0.02 [--seed 1]
 *
 * Scale 1 is the province: 2,000,000 complaints over three years, 200,000 enterprises,
 * 100,000 demands, 50,000 tasks and 50,000 problems; the region tree (99 counties, 1,200 towns)
 * is whole at every scale. Writes the databases `scale_<scale>_<subgraph>` (dropped first) and
 * prints rows per second for each kind.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { Role } from '@bizenv/common/auth';
import { DEMO_CITY_CODE, DEMO_UNITS, demoAccountPersonId } from '@bizenv/common/demo-city';
import { ImportMode } from '@bizenv/common/exchange';
import { SpreadsheetFormat } from '@bizenv/common/spreadsheet';
import type { ComplaintExchangeService } from '@bizenv/complaints/exchange/complaint-exchange.service';
import { seededRandom } from '@bizenv/common/seeded-random';
import { stableId } from '@bizenv/common/stable-id';
import { dropDatabases } from '@bizenv/common/testing';
import { recountTallies, settleComplaints, type Settled } from './complaint-history.js';
import {
  allTowns,
  COMPLAINT_HEADER,
  complaintCells,
  complaintRow,
  csv,
  ENTERPRISE_HEADER,
  enterpriseCells,
  finalStatus,
  FULL_SCALE,
  regionTree,
  TASK_HEADER,
  taskCells,
} from './scale-data.js';
import { MYSQL_SERVER, scalePrefix, startScaleSystem } from './scale-system.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '0.02' }, seed: { type: 'string', default: '1' } } });
const SCALE = Number(values.scale);
if (!(SCALE > 0 && SCALE <= 1)) throw new Error('--scale must be in (0, 1]');
const random = seededRandom(Number(values.seed));
const count = (full: number) => Math.round(full * SCALE);
const prefix = scalePrefix(SCALE);
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

await dropDatabases(`${MYSQL_SERVER}/${prefix}`);

const system = await startScaleSystem(prefix);
const admin = await system.login('admin');
const at = Date.now();
console.log(`scale ${SCALE} (seed ${values.seed}) into ${prefix}_*`);

async function timed(kind: string, rows: number, work: () => Promise<void>): Promise<void> {
  const start = performance.now();
  await work();
  const seconds = (performance.now() - start) / 1000;
  console.log(`${kind.padEnd(12)} ${String(rows).padStart(9)} rows in ${seconds.toFixed(1).padStart(6)} s  ${String(Math.round(rows / seconds)).padStart(6)} rows/s`);
}

// 行政区划: counties first, then their towns (importRegions checks each parent exists).
const regions = regionTree();
await timed('regions', regions.length, async () => {
  for (const level of ['DISTRICT', 'TOWN'] as const) {
    const batch = regions.filter((r) => r.level === level);
    await system.query('mutation($r: [CreateRegionInput!]!) { importRegions(regions: $r) { code } }', { r: batch }, admin);
  }
});
const towns = allTowns(regions);
const counties = [...new Set(towns.map((t) => t.slice(0, 6)))];

// In-process from here on, the code each import mutation runs (its resolver calls exactly this):
// through the gateway, files of the imports' limits took longer than its 10 s subgraph timeout on
// this machine once the tables held tens of thousands of rows (see test/bench/README.md).
const deps = (name: string) => system.subgraphs.find((s) => s.name === name)!.deps;
const administrator = { id: demoAccountPersonId('admin'), name: '系统管理员', roles: [Role.ADMIN], regionCode: DEMO_CITY_CODE };

// 企业名录 (CSV files of 2,000 rows).
const enterpriseIds: string[] = [];
await timed('enterprises', count(FULL_SCALE.enterprises), async () => {
  for (let done = 0; done < count(FULL_SCALE.enterprises); done += 2000) {
    const rows = Array.from({ length: Math.min(2000, count(FULL_SCALE.enterprises) - done) }, (_, i) => enterpriseCells(random, done + i, towns));
    const report = await deps('enterprise-service').exchange.importEnterprises(administrator, b64(csv(ENTERPRISE_HEADER, rows)), SpreadsheetFormat.CSV, ImportMode.ALL_OR_NOTHING);
    if (!report.committed) throw new Error(`enterprise import: ${JSON.stringify(report.errors.slice(0, 3))}`);
    enterpriseIds.push(...report.ids);
  }
});

const units = DEMO_UNITS.filter((u) => u.kind !== 'UTILITY').map((u) => ({ id: stableId(u.key), name: u.name, regionCode: u.regionCode }));
const unitFor = (regionCode: string) => {
  const local = units.filter((u) => regionCode.startsWith(u.regionCode.replace(/0+$/, '')));
  return random.pick(local.length ? local : units);
};
// 12345 工单 as the 12345 operator (CSV files of 2,000 rows), then each brought to a status by its age.
const complaints = system.subgraphs.find((s) => s.name === 'complaints')!;
const exchange: ComplaintExchangeService = complaints.deps.exchange;
const hotline = { id: demoAccountPersonId('hotline'), name: '12345热线受理员', roles: [Role.HOTLINE_OPERATOR], regionCode: DEMO_CITY_CODE };
let imported = 0;
let settling = 0;
const fileSeconds: number[] = [];
await timed('complaints', count(FULL_SCALE.complaints), async () => {
  for (let done = 0; done < count(FULL_SCALE.complaints); done += 2000) {
    const rows = Array.from({ length: Math.min(2000, count(FULL_SCALE.complaints) - done) }, (_, i) => complaintRow(random, done + i, towns, at));
    const fileStart = performance.now();
    const report = await exchange.import(hotline, b64(csv(COMPLAINT_HEADER, rows.map(complaintCells))), SpreadsheetFormat.CSV, ImportMode.ALL_OR_NOTHING);
    fileSeconds.push((performance.now() - fileStart) / 1000);
    if (!report.committed) throw new Error(`complaint import: ${JSON.stringify(report.errors.slice(0, 3))}`);
    imported += report.imported;
    const settled: Settled[] = rows.map((row, i) => {
      const status = finalStatus(random, (at - row.receivedAt.getTime()) / 86_400_000) as DispatchStatus;
      return { id: report.complaintIds[i], status, unit: status === DispatchStatus.AWAITING_DISPATCH ? null : unitFor(row.regionCode) };
    });
    const start = performance.now();
    await settleComplaints(complaints.dataSource, random, settled, at);
    settling += performance.now() - start;
  }
  const start = performance.now();
  await recountTallies(complaints.dataSource);
  settling += performance.now() - start;
});
console.log(`  of which closed-loop history and tally recount ${(settling / 1000).toFixed(1)} s; imported ${imported}; seconds per 2,000-row file: first ${fileSeconds[0]?.toFixed(1)}, last ${fileSeconds.at(-1)?.toFixed(1)}`);

// 重点任务 into the demo campaign (CSV files of 1,000 rows, the import's limit).
const campaign = (await system.query('{ campaigns(first: 1) { edges { node { id } } } }', {}, admin)).campaigns.edges[0].node.id;
const taskUnits = units.map((u) => ({ id: u.id, name: u.name }));
await timed('tasks', count(FULL_SCALE.tasks), async () => {
  for (let done = 0; done < count(FULL_SCALE.tasks); done += 1000) {
    const rows = Array.from({ length: Math.min(1000, count(FULL_SCALE.tasks) - done) }, (_, i) => taskCells(random, 1000 + done + i, taskUnits.map((u) => u.name), counties, at));
    const report = await deps('tasks').sheets.import(administrator, campaign, b64(csv(TASK_HEADER, rows)), SpreadsheetFormat.CSV, taskUnits);
    if (!report.committed) throw new Error(`task import: ${JSON.stringify(report.errors.slice(0, 3))}`);
  }
});

// 问题清单, one registerProblem each (there is no problem import).
await timed('problems', count(FULL_SCALE.problems), async () => {
  for (let i = 0; i < count(FULL_SCALE.problems); i++) {
    const unit = random.pick(units);
    const limit = new Date(at + Math.floor((random.next() * 1.5 - 0.5) * 180 * 86_400_000)).toISOString().slice(0, 10);
    await system.query(
      'mutation($i: RegisterProblemInput!) { registerProblem(input: $i) { id } }',
      { i: { source: random.pick(['UNDERCOVER_INSPECTION', 'SUPERVISION_CHECK', 'OTHER']), regionCode: random.pick(counties), responsibleUnitId: unit.id, title: `督查发现问题${i + 1}`, timeLimit: limit } },
      admin,
    );
  }
});

// 诉求: raised on visits (five a visit) to imported enterprises within the last half year.
const ambassador = demoAccountPersonId('ambassador');
await timed('demands', count(FULL_SCALE.demands), async () => {
  for (let done = 0; done < count(FULL_SCALE.demands); done += 5) {
    const demands = Array.from({ length: Math.min(5, count(FULL_SCALE.demands) - done) }, (_, i) => ({ title: `企业诉求${done + i + 1}` }));
    const visitedAt = new Date(at - 60_000 - Math.floor(random.next() * 180 * 86_400_000)).toISOString();
    await system.query(
      'mutation($i: RecordVisitInput!) { recordVisit(input: $i) { id } }',
      { i: { enterpriseId: random.pick(enterpriseIds), visitedAt, visitorIds: [ambassador], demands } },
      admin,
    );
  }
});

await system.stop();
console.log('done');
