import { randomUUID } from 'node:crypto';
import { Role, type Caller } from '@bizenv/common/auth';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import type { DomainEvent } from '@bizenv/common/event-bus';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, eventually, startTestSubgraph, TEST_IDENTITY_KEYS } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel, ComplaintCategory } from '../src/complaint/complaint-enums.js';
import { Complaint } from '../src/complaint/complaint.entity.js';
import { complaintsSubgraph } from '../src/subgraph.js';

const hotline: Caller = { id: 'op-1', name: '受理员', roles: [Role.HOTLINE_OPERATOR], regionCode: '990100' };
const linjiangLeader: Caller = { id: 'leader-1', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };
const UNIT = '8a3f1c2e-0000-5000-a000-000000000001';

const RECEIVE = `mutation($input: ReceiveComplaintInput!) {
  receiveComplaint(input: $input) { id version dispatchStatus replyDueAt closeDueAt deadlineProvisional overdue }
}`;
const DISPATCH = `mutation($input: DispatchComplaintInput!) { dispatchComplaint(input: $input) { id version dispatchStatus } }`;
const STATS = `query($code: ID!) {
  _entities(representations: [{ __typename: "Region", code: $code }]) {
    ... on Region { complaintStats { total open overdue byDispatchStatus { status count } } }
  }
}`;

const input = (overrides: Record<string, unknown> = {}) => ({
  channel: Channel.HOTLINE_967788,
  category: ComplaintCategory.BUCK_PASSING,
  title: '企业开办涉及三个部门相互推诿',
  content: '办理营业执照后刻章、税务登记相互推诿。',
  regionCode: '990102001',
  ...overrides,
});

describe.each(await databaseTargets())('complaints subgraph on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(complaintsSubgraph({ identity: TEST_IDENTITY_KEYS }), target, events, false);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const stats = async (code: string, caller: Caller = hotline) => (await callSubgraph(subgraph.url, caller, STATS, { code })).data?._entities[0].complaintStats;

  it('receives a complaint with working-day deadlines and publishes it', async () => {
    const before = await stats('990100');
    const result = await callSubgraph(subgraph.url, hotline, RECEIVE, { input: input({ receivedAt: '2026-09-30T02:00:00.000Z' }) });
    expect(result.errors).toBeUndefined();
    const complaint = result.data.receiveComplaint;
    // 5 working days from Wed 30 Sep 2026 across National Day: due at the end of Tue 13 Oct.
    expect(complaint.replyDueAt).toBe('2026-10-13T15:59:59.999Z');
    expect(complaint.deadlineProvisional).toBe(false);
    expect(complaint.dispatchStatus).toBe(DispatchStatus.AWAITING_DISPATCH);
    expect(complaint.overdue).toBe(true);
    const after = await stats('990100');
    expect(after.total).toBe(before.total + 1);
    expect(after.overdue).toBe(before.overdue + 1);
    await eventually(() => events.some((e) => e.topic === 'complaint.received' && e.payload.id === complaint.id));
    expect(events.find((e) => e.payload.id === complaint.id)?.regionCode).toBe('990102001');
  });

  it('lets exactly one of two concurrent dispatches win; the other gets CONFLICT', async () => {
    const { id } = (await callSubgraph(subgraph.url, hotline, RECEIVE, { input: input() })).data.receiveComplaint;
    const results = await Promise.all(
      [1, 2].map(() => callSubgraph(subgraph.url, hotline, DISPATCH, { input: { id, unitId: UNIT, expectedVersion: 1 } })),
    );
    const winners = results.filter((r) => r.data?.dispatchComplaint);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(winners[0].data.dispatchComplaint).toMatchObject({ version: 2, dispatchStatus: DispatchStatus.DISPATCHED });
    expect(losers.map((r) => r.errors![0].extensions?.code)).toEqual(['CONFLICT']);
    await eventually(() => events.filter((e) => e.topic === 'complaint.dispatched' && e.payload.id === id).length === 1);
  });

  it('refuses bad input with a stable code and stores nothing', async () => {
    const before = await stats('990100');
    const eventCount = events.length;
    for (const [bad, field] of [
      [{ title: '   ' }, 'title'],
      [{ regionCode: '99010' }, 'regionCode'],
      [{ content: 'x\u0000y' }, 'content'],
      [{ receivedAt: '2099-01-01T00:00:00.000Z' }, 'receivedAt'],
      [{ subjectUnitId: '市场监管局' }, 'subjectUnitId'],
    ] as const) {
      const result = await callSubgraph(subgraph.url, hotline, RECEIVE, { input: input(bad) });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await stats('990100')).toEqual(before);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events.length).toBe(eventCount);
  });

  it('keeps a district leader inside their district', async () => {
    expect(await stats('990102', linjiangLeader)).toMatchObject({ total: expect.any(Number) });
    const other = await callSubgraph(subgraph.url, linjiangLeader, STATS, { code: '990103' });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const city = await callSubgraph(subgraph.url, linjiangLeader, STATS, { code: '990100' });
    expect(city.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const receive = await callSubgraph(subgraph.url, linjiangLeader, RECEIVE, { input: input() });
    expect(receive.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a request that did not come through the gateway', async () => {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).not.toContain('sdl');
  });

  it('keeps the statistics exact under concurrent first writes to a region', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => callSubgraph(subgraph.url, hotline, RECEIVE, { input: input({ regionCode: '990172004', title: `并发${i}` }) })),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    const rows: { status: string; count: string | number }[] = await subgraph.dataSource
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .select('c.dispatchStatus', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('c.dispatchStatus')
      .getRawMany();
    const actual = Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
    const counted = await stats('990100');
    for (const { status, count } of counted.byDispatchStatus) expect(count).toBe(actual[status] ?? 0);
    expect((await stats('990172004')).total).toBe(10);
  });

  it('announces an item turning overdue when its deadline passes, without any write to it', async () => {
    const id = randomUUID();
    const dueAt = new Date(Date.now() + 700);
    await subgraph.outbox.write(async (manager) => {
      await manager.insert(Complaint, {
        id, channel: Channel.HOTLINE_12345, category: ComplaintCategory.OTHER, title: '临期', content: '临期',
        regionCode: '990103002', unitId: null, receivedAt: new Date(), replyDueAt: dueAt, closeDueAt: dueAt,
        deadlineProvisional: false, dueAt, dispatchStatus: DispatchStatus.ACCEPTED, version: 1,
      });
    });
    const before = await stats('990103');
    await eventually(() => events.some((e) => e.topic === 'complaint.overdue' && e.payload.id === id), 4000);
    const announcedAt = Date.now();
    expect(announcedAt - dueAt.getTime()).toBeLessThan(1000);
    expect((await stats('990103')).overdue).toBe(before.overdue + 1);
    expect(events.filter((e) => e.topic === 'complaint.overdue' && e.payload.id === id)).toHaveLength(1);
  });
});
