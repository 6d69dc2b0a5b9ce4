/**
 * Benchmark: importing 12345 exports (CSV) into a fresh data set on MariaDB/MySQL.
 *   ./node_modules/.bin/tsx test/bench/import.ts [--rows 100000] [--file-rows 2000]
 * Imports `rows` complaints as files of `file-rows` rows with the code `importComplaints` runs
 * (in-process: the 10 s gateway timeout is what this finds), and prints rows per second as the
 * table grows and the process's peak RSS and heap while importing. Then the parse alone of one
 * file of the import's limit, CSV and XLSX.
 */
import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { Role } from '@bizenv/common/auth';
import { DEMO_CITY_CODE, demoAccountPersonId } from '@bizenv/common/demo-city';
import { ImportMode } from '@bizenv/common/exchange';
import { seededRandom } from '@bizenv/common/seeded-random';
import { readSheet, SpreadsheetFormat, writeSheet } from '@bizenv/common/spreadsheet';
import { dropDatabases } from '@bizenv/common/testing';
import type { ComplaintExchangeService } from '@bizenv/complaints/exchange/complaint-exchange.service';
import { IMPORT_COLUMNS } from '@bizenv/complaints/exchange/complaint-sheet';
import { allTowns, COMPLAINT_HEADER, complaintCells, complaintRow, csv } from '../../scripts/scale/scale-data.js';
import { MYSQL_SERVER, startScaleSystem } from '../../scripts/scale/scale-system.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, 'file-rows': { type: 'string', default: '2000' } } });
const ROWS = Number(values.rows);
const FILE_ROWS = Number(values['file-rows']);
const MB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

const prefix = 'scale_import';
await dropDatabases(`${MYSQL_SERVER}/${prefix}`);
const system = await startScaleSystem(prefix);
const exchange: ComplaintExchangeService = system.subgraphs.find((s) => s.name === 'complaints')!.deps.exchange;
const hotline = { id: demoAccountPersonId('hotline'), name: '12345热线受理员', roles: [Role.HOTLINE_OPERATOR], regionCode: DEMO_CITY_CODE };
const random = seededRandom(7);
const towns = allTowns([]);
const at = Date.now();
console.log(`machine: ${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; Node ${process.version}`);

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
global.gc?.();
const base = process.memoryUsage();
const sampler = setInterval(sample, 50);
console.log(`importing ${ROWS} rows in files of ${FILE_ROWS} (CSV, UTF-8); before: RSS ${MB(base.rss)}, heap ${MB(base.heapUsed)}`);
const start = performance.now();
let lastReport = start;
let sinceReport = 0;
for (let done = 0; done < ROWS; done += FILE_ROWS) {
  const rows = Array.from({ length: Math.min(FILE_ROWS, ROWS - done) }, (_, i) => complaintRow(random, done + i, towns, at));
  const file = Buffer.from(csv(COMPLAINT_HEADER, rows.map(complaintCells))).toString('base64');
  const report = await exchange.import(hotline, file, SpreadsheetFormat.CSV, ImportMode.ALL_OR_NOTHING);
  if (report.imported !== rows.length) throw new Error(`imported ${report.imported} of ${rows.length}: ${JSON.stringify(report.errors.slice(0, 3))}`);
  sinceReport += rows.length;
  const end = done + rows.length;
  if (end % Math.max(FILE_ROWS, ROWS / 10) === 0 || end === ROWS) {
    const now = performance.now();
    sample();
    console.log(`  ${String(end).padStart(7)} rows  ${String(Math.round(sinceReport / ((now - lastReport) / 1000))).padStart(5)} rows/s over the last ${sinceReport}  RSS ${MB(process.memoryUsage().rss)}, heap ${MB(process.memoryUsage().heapUsed)}`);
    lastReport = now;
    sinceReport = 0;
  }
}
clearInterval(sampler);
const seconds = (performance.now() - start) / 1000;
console.log(`imported ${ROWS} rows in ${seconds.toFixed(0)} s: ${Math.round(ROWS / seconds)} rows/s; peak RSS ${MB(peakRss)} (+${MB(peakRss - base.rss)}), peak heap ${MB(peakHeap)} (+${MB(peakHeap - base.heapUsed)})`);

// The parse alone: one file of the import's limit.
const rows = Array.from({ length: FILE_ROWS }, (_, i) => complaintCells(complaintRow(random, ROWS + i, towns, at)));
const csvFile = Buffer.from(csv(COMPLAINT_HEADER, rows));
const xlsxFile = await writeSheet(SpreadsheetFormat.XLSX, '工单', COMPLAINT_HEADER.map((header, i) => ({ key: String(i), header })), rows.map((cells) => Object.fromEntries(cells.map((c, i) => [String(i), c]))));
for (const [format, file] of [[SpreadsheetFormat.CSV, csvFile], [SpreadsheetFormat.XLSX, xlsxFile]] as const) {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const watch = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const t = performance.now();
  for (let i = 0; i < 5; i++) await readSheet(file, format, IMPORT_COLUMNS, FILE_ROWS);
  clearInterval(watch);
  console.log(`parse only, ${format} of ${FILE_ROWS} rows (${(file.length / 1024).toFixed(0)} KiB): ${((performance.now() - t) / 5).toFixed(0)} ms a file, ${Math.round((FILE_ROWS * 5) / ((performance.now() - t) / 1000))} rows/s, heap +${MB(peak - before)} at most`);
}

await system.stop();
await dropDatabases(`${MYSQL_SERVER}/${prefix}`);
