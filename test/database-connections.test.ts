import { databaseName } from '@bizenv/common/data-source';
import { databaseTargets, type DatabaseTarget } from '@bizenv/common/testing';
import { createConnection, type Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from './support/system.js';

const STATS = '{ region(code: "990100") { complaintStats { total open } } }';
const RECEIVE = 'mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id } }';
const complaint = (title: string) => ({ channel: 'HOTLINE_12345', category: 'BUCK_PASSING', title, content: '数据库连接中断期间受理', regionCode: '990102003' });
/** No request may take longer than this, whatever happens to its database connection. */
const REQUEST_BOUND_MS = 10_000;

const mariadb = (await databaseTargets()).filter((target) => target.name === 'mariadb');

/** Kills every connection a subgraph holds to its database, as a database restart would. */
async function killConnections(admin: Connection, database: string): Promise<number> {
  const [rows] = await admin.query<any[]>('SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ?', [database]);
  for (const { ID } of rows) await admin.query(`KILL ${Number(ID)}`).catch(() => undefined);
  return rows.length;
}

describe.skipIf(!mariadb.length).each(mariadb)('database connections killed mid-load on $name', ({ create }) => {
  let target: DatabaseTarget;
  let system: TestSystem;
  let admin: Connection;
  let complaintsDb: string;

  beforeAll(async () => {
    target = create();
    system = await startTestSystem(target);
    const url = new URL(target.databaseUrl!);
    admin = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
    complaintsDb = databaseName(target.databaseUrl!, 'complaints');
  });

  afterAll(async () => {
    await admin?.end();
    await system?.stop();
    await target?.dispose();
  });

  it('answers every request during the outage in bounded time, with data or a stable error code, and all later ones normally', async () => {
    const [leader, hotline] = [await system.login('city.leader'), await system.login('hotline')];
    const outcomes: { ok: boolean; code?: string; ms: number }[] = [];
    const timed = async (run: () => Promise<{ data?: any; errors?: any[] }>) => {
      const started = Date.now();
      const answer = await Promise.race([run(), new Promise<never>((_, fail) => setTimeout(() => fail(new Error('request hung')), REQUEST_BOUND_MS))]);
      outcomes.push({ ok: !answer.errors, code: answer.errors?.[0]?.extensions?.code, ms: Date.now() - started });
    };

    let loading = true;
    const worker = async (n: number) => {
      for (let i = 0; loading; i++) {
        await timed(() => (i % 2 ? system.query(STATS, {}, leader) : system.query(RECEIVE, { input: complaint(`断连 ${n}-${i}`) }, hotline)));
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    let killed = 0;
    for (let round = 0; round < 6; round++) {
      await new Promise((done) => setTimeout(done, 250));
      killed += await killConnections(admin, complaintsDb);
    }
    loading = false;
    await Promise.all(workers);

    expect(killed).toBeGreaterThan(0);
    expect(outcomes.length).toBeGreaterThan(10);
    // a failure is the masked internal error (nothing about the driver), never a hang
    for (const outcome of outcomes.filter((o) => !o.ok)) expect(outcome.code).toBe('INTERNAL_SERVER_ERROR');

    // afterwards every request succeeds again, without a restart
    for (let i = 0; i < 10; i++) {
      expect((await system.query(RECEIVE, { input: complaint(`恢复后 ${i}`) }, hotline)).errors).toBeUndefined();
      expect((await system.query(STATS, {}, leader)).errors).toBeUndefined();
    }
    // and the outbox relay, whose own connection was killed too, publishes everything committed
    await eventually(async () => {
      const [[{ unpublished }]] = await admin.query<any[]>(`SELECT COUNT(*) AS unpublished FROM \`${complaintsDb}\`.outbox_event WHERE publishedAt IS NULL`);
      return Number(unpublished) === 0;
    });
  }, 60_000);
});
