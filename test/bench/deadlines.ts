/**
 * Benchmark: one million open complaints with deadlines spread over a month (MariaDB).
 *   ./node_modules/.bin/tsx test/bench/deadlines.ts [--items 1000000] [--seconds 60]
 * Prints the delay from each deadline passing to the city screen's frame that counts it, and
 * the process's CPU and SQL statements while no writes arrive.
 */
import { parseArgs } from 'node:util';
import { databaseName } from '@bizenv/common/data-source';
import type { QueryCounter } from '@bizenv/common/query-counter';
import { databaseTargets } from '@bizenv/common/testing';
import { createConnection } from 'mysql2/promise';
import { startTestSystem } from '../support/system.js';

const { values } = parseArgs({ options: { items: { type: 'string', default: '1000000' }, seconds: { type: 'string', default: '60' } } });
const ITEMS = Number(values.items);
const SECONDS = Number(values.seconds);
const MONTH_MS = 30 * 86_400_000;

const mariadb = (await databaseTargets()).find((t) => t.name === 'mariadb');
if (!mariadb) throw new Error('this benchmark needs MariaDB/MySQL (TEST_MYSQL_URL)');
const target = mariadb.create();
const system = await startTestSystem(target);
const url = new URL(target.databaseUrl!);
const db = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: url.username, database: databaseName(target.databaseUrl!, 'complaints') });

// Bulk load straight into the table (the import path of issue 10 is not built yet).
const towns = (await db.query('SELECT DISTINCT regionCode FROM complaint'))[0] as { regionCode: string }[];
const loadStart = Date.now();
const sqlTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const BATCH = 5000;
for (let done = 0; done < ITEMS; done += BATCH) {
  const rows = [];
  for (let i = done; i < Math.min(ITEMS, done + BATCH); i++) {
    // Spread over the month, none passing inside the measured window's first 5 s.
    const due = Date.now() + 5_000 + ((i * 7919) % ITEMS) * (MONTH_MS / ITEMS);
    rows.push([`bulk-${i}`, 'HOTLINE_12345', 'OTHER', `批量${i}`, '批量', towns[i % towns.length].regionCode, null, sqlTime(Date.now()), sqlTime(due), sqlTime(due), 0, sqlTime(due), 'ACCEPTED', 1]);
  }
  await db.query('INSERT INTO complaint (id, channel, category, title, content, regionCode, unitId, receivedAt, replyDueAt, closeDueAt, deadlineProvisional, dueAt, dispatchStatus, version) VALUES ?', [rows]);
}
// The bulk load bypassed the write path, so the statistics tally is recounted once.
await db.query('DELETE FROM complaint_tally');
await db.query('INSERT INTO complaint_tally (regionCode, dispatchStatus, count) SELECT regionCode, dispatchStatus, COUNT(*) FROM complaint GROUP BY regionCode, dispatchStatus');
const loadSeconds = (Date.now() - loadStart) / 1000;
console.log(`loaded ${ITEMS} open complaints in ${loadSeconds.toFixed(0)} s (${Math.round(ITEMS / loadSeconds)} rows/s)`);

// Deadlines that pass while we watch: one every second, on top of the month's spread.
const scheduledStart = Date.now() + 5_000;
const scheduled = [];
for (let s = 0; s < SECONDS; s++) {
  const due = scheduledStart + s * 1000 + 137;
  scheduled.push([`watch-${s}`, 'HOTLINE_12345', 'OTHER', `观测${s}`, '观测', towns[s % towns.length].regionCode, null, sqlTime(Date.now()), sqlTime(due), sqlTime(due), 0, sqlTime(due), 'ACCEPTED', 1]);
}
await db.query('INSERT INTO complaint (id, channel, category, title, content, regionCode, unitId, receivedAt, replyDueAt, closeDueAt, deadlineProvisional, dueAt, dispatchStatus, version) VALUES ?', [scheduled]);
for (const row of scheduled) {
  await db.query('INSERT INTO complaint_tally (regionCode, dispatchStatus, count) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE count = count + 1', [row[5], row[12]]);
}
// A write through the API: the watcher looks again for the earliest deadline after a commit.
const hotline = await system.login('hotline');
await system.query('mutation { receiveComplaint(input: { channel: WECHAT, category: OTHER, title: "唤醒", content: "唤醒", regionCode: "990102001" }) { id } }', {}, hotline);

const overdueEvents: { id: string; occurredAt: number; publishedAt: number }[] = [];
system.bus.subscribe((e) => {
  if (e.topic === 'complaint.overdue') overdueEvents.push({ id: String(e.payload.id), occurredAt: Date.parse(e.occurredAt), publishedAt: Number(e.position!.split('-')[0]) });
});
// not the screen account: a screen token runs only the screen's own documents
const client = system.subscribe(await system.login('city.leader'));
const frames: { at: number; overdue: number }[] = [];
client.subscribe(
  { query: 'subscription { regionStats(code: "990100") { complaintStats { overdue } } }' },
  { next: (f: any) => frames.push({ at: Date.now(), overdue: f.data.regionStats.complaintStats.overdue }), error: console.error, complete: () => {} },
);
while (!frames.length) await new Promise((r) => setTimeout(r, 20));

const dueTimes = ((await db.query('SELECT dueAt FROM complaint WHERE dueAt > UTC_TIMESTAMP(3) ORDER BY dueAt LIMIT ?', [SECONDS * 3 + 100]))[0] as { dueAt: Date }[]).map((r) => r.dueAt.getTime());
const base = frames[0].overdue;
const cpuStart = process.cpuUsage();
const statementsStart = system.subgraphs.reduce((sum, s) => sum + (s.dataSource.logger as QueryCounter).count, 0);
const wallStart = Date.now();
await new Promise((r) => setTimeout(r, (SECONDS + 6) * 1000));
const wall = (Date.now() - wallStart) / 1000;
const cpu = process.cpuUsage(cpuStart);
const statements = system.subgraphs.reduce((sum, s) => sum + (s.dataSource.logger as QueryCounter).count, 0) - statementsStart;

const delays: number[] = [];
dueTimes.filter((d) => d > frames[0].at && d < wallStart + SECONDS * 1000).forEach((due, k) => {
  const frame = frames.find((f) => f.overdue >= base + k + 1 && f.at >= due);
  if (frame) delays.push(frame.at - due);
});
delays.sort((a, b) => a - b);
const pct = (p: number) => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))];
console.log(`deadlines passed while watching: ${delays.length}; deadline→frame p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${delays.at(-1)} ms`);
// Where the time goes, for the scheduled items (their deadlines are known exactly).
const stage = (values: number[]) => {
  values.sort((a, b) => a - b);
  return `p50 ${values[Math.floor(values.length / 2)]} ms, p99 ${values[Math.min(values.length - 1, Math.floor(values.length * 0.99))]} ms`;
};
const watched = overdueEvents.filter((e) => e.id.startsWith('watch-'));
const dueOf = (id: string) => scheduledStart + Number(id.slice('watch-'.length)) * 1000 + 137;
console.log(`  deadline→event recorded (watcher) ${stage(watched.map((e) => e.occurredAt - dueOf(e.id)))}`);
console.log(`  recorded→published (outbox relay) ${stage(watched.map((e) => e.publishedAt - e.occurredAt))}`);
console.log(`whole process (4 subgraphs + gateway) while no writes arrive: CPU ${(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(1)}% of one core, ${(statements / wall).toFixed(1)} SQL statements/s`);

await client.dispose();
await db.end();
await system.stop();
await target.dispose();
process.exit(0);
