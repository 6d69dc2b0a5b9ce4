/**
 * A client that retries 受理 after a timeout, with the same idempotency key, never registers a
 * second complaint: through the gateway, on each database target.
 */
import { randomUUID } from 'node:crypto';
import { IdempotencyRecord } from '@bizenv/common/idempotency-record.entity';
import { OutboxEvent } from '@bizenv/common/outbox-event.entity';
import { type DatabaseTarget, databaseTargets } from '@bizenv/common/testing';
import { Complaint } from '@bizenv/complaints/complaint/complaint.entity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support/system.js';

type DataSource = TestSystem['subgraphs'][number]['dataSource'];

const RECEIVE = 'mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id title } }';

describe.each(await databaseTargets())('idempotency keys on receiveComplaint on $name', ({ create }) => {
  let target: DatabaseTarget;
  let system: TestSystem;
  let complaints: DataSource;
  let hotline: string;

  /** A complaint input with its own title, so that its rows can be counted. */
  const input = (idempotencyKey: string | undefined, title = `幂等测试${randomUUID()}`) => ({
    channel: 'HOTLINE_12345', category: 'OTHER', title, content: '超时后重试', regionCode: '990102001', complainant: { name: '张三', phone: '13800000000' }, idempotencyKey,
  });
  const stored = (title: string) => complaints.getRepository(Complaint).countBy({ title });
  const events = () => complaints.getRepository(OutboxEvent).count();

  beforeAll(async () => {
    target = create();
    system = await startTestSystem(target);
    complaints = system.subgraphs.find((s) => s.name === 'complaints')!.dataSource;
    hotline = await system.login('hotline');
  });

  afterAll(async () => {
    await system?.stop();
    await target?.dispose();
  });

  it('answers a retry with the first complaint and writes nothing more', async () => {
    const first = input(randomUUID());
    const answer = await system.query(RECEIVE, { input: first }, hotline);
    expect(answer.errors).toBeUndefined();
    const eventsAfterFirst = await events();
    const retry = await system.query(RECEIVE, { input: first }, hotline);
    expect(retry).toEqual(answer);
    expect(await stored(first.title)).toBe(1);
    expect(await events()).toBe(eventsAfterFirst);
  });

  it('creates two complaints for the same input without a key (the key is what makes a retry)', async () => {
    const unkeyed = input(undefined);
    const [a, b] = [await system.query(RECEIVE, { input: unkeyed }, hotline), await system.query(RECEIVE, { input: unkeyed }, hotline)];
    expect(a.data.receiveComplaint.id).not.toBe(b.data.receiveComplaint.id);
    expect(await stored(unkeyed.title)).toBe(2);
  });

  it('refuses the same key with another input with IDEMPOTENCY_KEY_REUSED and stores nothing', async () => {
    const key = randomUUID();
    const first = input(key);
    expect((await system.query(RECEIVE, { input: first }, hotline)).errors).toBeUndefined();
    const other = { ...input(key), content: '另一件事' };
    const before = await events();
    const answer = await system.query(RECEIVE, { input: other }, hotline);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
    expect(answer.errors?.[0]?.message).toMatch(/幂等键/);
    expect(await stored(other.title)).toBe(0);
    expect(await events()).toBe(before);
  });

  it('creates one complaint for simultaneous requests with the same key', async () => {
    const same = input(randomUUID());
    const answers = await Promise.all(Array.from({ length: 6 }, () => system.query(RECEIVE, { input: same }, hotline)));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect(new Set(answers.map((a) => a.data.receiveComplaint.id)).size).toBe(1);
    expect(await stored(same.title)).toBe(1);
  });

  it("keeps each caller's keys apart", async () => {
    const key = randomUUID();
    const mine = input(key);
    const admin = await system.login('admin');
    const [a, b] = [await system.query(RECEIVE, { input: mine }, hotline), await system.query(RECEIVE, { input: mine }, admin)];
    expect(a.data.receiveComplaint.id).not.toBe(b.data.receiveComplaint.id);
    expect(await stored(mine.title)).toBe(2);
  });

  it('frees a key once it has expired (24 hours)', async () => {
    const key = randomUUID();
    const first = input(key);
    const answer = await system.query(RECEIVE, { input: first }, hotline);
    const record = await complaints.getRepository(IdempotencyRecord).findOneByOrFail({ key });
    expect(record.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    await complaints.getRepository(IdempotencyRecord).update({ key }, { expiresAt: new Date(Date.now() - 1000) });
    const later = await system.query(RECEIVE, { input: first }, hotline);
    expect(later.data.receiveComplaint.id).not.toBe(answer.data.receiveComplaint.id);
    expect(await stored(first.title)).toBe(2);
  });

  it('refuses a malformed key with BAD_USER_INPUT before writing', async () => {
    for (const key of ['', 'short', 'x'.repeat(129), '键键键键键键键键', "1' OR '1'='1"]) {
      const bad = input(key);
      const answer = await system.query(RECEIVE, { input: bad }, hotline);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
      expect(await stored(bad.title)).toBe(0);
    }
  });
});
