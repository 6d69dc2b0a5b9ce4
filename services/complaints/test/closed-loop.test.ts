import { Permission, Role, type Caller } from '@bizenv/common/auth';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import type { DomainEvent } from '@bizenv/common/event-bus';
import { OutboxEvent } from '@bizenv/common/outbox-event.entity';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, eventually, startTestSubgraph, TEST_IDENTITY_KEYS } from '@bizenv/common/testing';
import { Like } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel, ComplaintAction, ComplaintCategory } from '../src/complaint/complaint-enums.js';
import { COMPLAINT_TRANSITIONS } from '../src/complaint/complaint-transitions.js';
import { ComplaintTimelineEntry } from '../src/complaint/complaint-timeline-entry.entity.js';
import { Complaint } from '../src/complaint/complaint.entity.js';
import { complaintsSubgraph } from '../src/subgraph.js';

const UNIT_A = '8a3f1c2e-0000-5000-a000-00000000000a';
const UNIT_B = '8a3f1c2e-0000-5000-a000-00000000000b';
const hotline: Caller = { id: 'op-1', name: '受理员甲', roles: [Role.HOTLINE_OPERATOR], regionCode: '990100' };
const handlerA: Caller = { id: 'h-a1', name: '承办人A1', roles: [Role.UNIT_HANDLER], regionCode: '990102', unitId: UNIT_A };
const handlerA2: Caller = { id: 'h-a2', name: '承办人A2', roles: [Role.UNIT_HANDLER], regionCode: '990102', unitId: UNIT_A };
const handlerB: Caller = { id: 'h-b1', name: '承办人B1', roles: [Role.UNIT_HANDLER], regionCode: '990102', unitId: UNIT_B };
const REGION = '990102001';
const REPLY_TEXT = '经核实，已协调三个部门并联办理，营业执照、刻章、税务登记已于当日办结。';

const RECEIVE = `mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id version } }`;
const DISPATCH = `mutation($input: DispatchComplaintInput!) { dispatchComplaint(input: $input) { id version dispatchStatus } }`;
const ACT = `mutation($input: ActOnComplaintInput!) { actOnComplaint(input: $input) { id version dispatchStatus unit { id } } }`;
const GET = `query($id: ID!) {
  complaint(id: $id) {
    id version dispatchStatus unit { id }
    timeline { id action fromStatus toStatus actorId actorName reason reply satisfaction at unit { id } }
  }
}`;
const STATS = `query($code: ID!) {
  _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { complaintStats { byDispatchStatus { status count } } } }
}`;

describe.each(await databaseTargets())('complaint closed loop on $name', ({ create }) => {
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

  const receive = async (): Promise<string> => {
    const result = await callSubgraph(subgraph.url, hotline, RECEIVE, {
      input: { channel: Channel.HOTLINE_12345, category: ComplaintCategory.BUCK_PASSING, title: '开办企业三部门推诿', content: '刻章、税务相互推诿。', regionCode: REGION },
    });
    expect(result.errors).toBeUndefined();
    return result.data.receiveComplaint.id;
  };
  const act = (caller: Caller, input: Record<string, unknown>) => callSubgraph(subgraph.url, caller, ACT, { input });
  /** Acts and expects success; returns the new version. */
  const step = async (caller: Caller, input: Record<string, unknown>, status: DispatchStatus): Promise<number> => {
    const result = await act(caller, input);
    expect(result.errors).toBeUndefined();
    expect(result.data.actOnComplaint.dispatchStatus).toBe(status);
    return result.data.actOnComplaint.version;
  };
  const get = async (id: string) => (await callSubgraph(subgraph.url, hotline, GET, { id })).data.complaint;
  const row = (id: string) => subgraph.dataSource.getRepository(Complaint).findOneByOrFail({ id });
  const tally = async () => (await callSubgraph(subgraph.url, hotline, STATS, { code: '990100' })).data._entities[0].complaintStats.byDispatchStatus;
  const outboxRows = (id: string) => subgraph.dataSource.getRepository(OutboxEvent).count({ where: { payload: Like(`%${id}%`) } });

  /** Everything a refusal must leave alone. */
  const snapshot = async (id: string) => ({ row: await row(id), complaint: await get(id), tally: await tally(), outbox: await outboxRows(id) });

  const refused = async (caller: Caller, input: Record<string, unknown> & { id: string }, code: string, field?: string) => {
    const before = await snapshot(input.id);
    // Earlier steps' events may still be on their way: let them all arrive first.
    const delivered = () => events.filter((e) => e.payload.id === input.id).length;
    await eventually(() => delivered() === before.outbox);
    const result = await act(caller, input);
    expect(result.data?.actOnComplaint ?? null).toBeNull();
    expect(result.errors?.[0].extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    expect(await snapshot(input.id)).toEqual(before);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(delivered()).toBe(before.outbox);
    return result.errors![0];
  };

  /** The tally must equal a recount of the complaints themselves. */
  const expectTallyExact = async () => {
    const rows: { status: string; count: string | number }[] = await subgraph.dataSource
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .select('c.dispatchStatus', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('c.dispatchStatus')
      .getRawMany();
    const actual = Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
    for (const { status, count } of await tally()) expect(count, status).toBe(actual[status] ?? 0);
  };

  it('runs receive → dispatch → accept → reply → close and keeps the timeline', async () => {
    const id = await receive();
    const received = await row(id);
    expect(received.dueAt).toEqual(received.replyDueAt);

    // dispatchComplaint still works and goes through the same step.
    const dispatched = await callSubgraph(subgraph.url, hotline, DISPATCH, { input: { id, unitId: UNIT_A, expectedVersion: 1 } });
    expect(dispatched.data.dispatchComplaint).toMatchObject({ version: 2, dispatchStatus: DispatchStatus.DISPATCHED });
    let version = await step(handlerA, { id, action: 'ACCEPT', expectedVersion: 2 }, DispatchStatus.ACCEPTED);
    expect((await row(id)).dueAt).toEqual(received.replyDueAt);
    version = await step(handlerA, { id, action: 'REPLY', expectedVersion: version, reply: REPLY_TEXT }, DispatchStatus.REPLIED);
    expect((await row(id)).dueAt).toEqual(received.closeDueAt);
    version = await step(hotline, { id, action: 'CLOSE', expectedVersion: version, satisfaction: 'SATISFIED' }, DispatchStatus.CLOSED);
    expect(version).toBe(5);

    const complaint = await get(id);
    expect(complaint.unit).toEqual({ id: UNIT_A });
    expect(complaint.timeline.map((e: any) => [e.action, e.fromStatus, e.toStatus, e.actorId, e.actorName, e.unit?.id ?? null])).toEqual([
      ['RECEIVE', null, 'AWAITING_DISPATCH', hotline.id, hotline.name, null],
      ['DISPATCH', 'AWAITING_DISPATCH', 'DISPATCHED', hotline.id, hotline.name, UNIT_A],
      ['ACCEPT', 'DISPATCHED', 'ACCEPTED', handlerA.id, handlerA.name, UNIT_A],
      ['REPLY', 'ACCEPTED', 'REPLIED', handlerA.id, handlerA.name, UNIT_A],
      ['CLOSE', 'REPLIED', 'CLOSED', hotline.id, hotline.name, UNIT_A],
    ]);
    expect(complaint.timeline[0].at).toBe(received.receivedAt.toISOString());
    const times = complaint.timeline.map((e: any) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(complaint.timeline[3].reply).toBe(REPLY_TEXT);
    expect(complaint.timeline[4].satisfaction).toBe('SATISFIED');

    const topics = ['complaint.received', 'complaint.dispatched', 'complaint.accepted', 'complaint.replied', 'complaint.closed'];
    const mine = await eventually(() => {
      const found = events.filter((e) => e.payload.id === id);
      return found.length === topics.length ? found : null;
    });
    expect(mine.map((e) => e.topic)).toEqual(topics);
    for (const event of mine) {
      expect(Object.keys(event.payload).sort()).toEqual(['id', 'status', 'title', 'unitId', 'unitIds']);
      expect(JSON.stringify(event.payload)).not.toContain('协调');
    }
    expect(mine.at(-1)!.payload).toMatchObject({ status: 'CLOSED', unitId: UNIT_A, unitIds: [UNIT_A] });
    // Only the units handling it see a line in their feed: nobody's before it is dispatched.
    expect(mine[0].payload.unitIds).toEqual([]);
    await expectTallyExact();
  });

  it('has 6 timeline entries when the handler returns it first and another unit takes it', async () => {
    const id = await receive();
    let version = await step(hotline, { id, action: 'DISPATCH', expectedVersion: 1, unitId: UNIT_A }, DispatchStatus.DISPATCHED);
    await refused(handlerA, { id, action: 'RETURN', expectedVersion: version }, 'BAD_USER_INPUT', 'reason');
    await refused(handlerA, { id, action: 'RETURN', expectedVersion: version, reason: '   ' }, 'BAD_USER_INPUT', 'reason');
    await refused(handlerA, { id, action: 'RETURN', expectedVersion: version, reason: '非' + '本'.repeat(500) }, 'BAD_USER_INPUT', 'reason');
    version = await step(handlerA, { id, action: 'RETURN', expectedVersion: version, reason: '不属于本单位职责，应由市场监管局办理' }, DispatchStatus.RETURNED);
    expect((await get(id)).unit).toBeNull();
    // Returned: no longer A's, so A may not take it back.
    await refused(handlerA, { id, action: 'ACCEPT', expectedVersion: version }, 'FORBIDDEN');
    version = await step(hotline, { id, action: 'DISPATCH', expectedVersion: version, unitId: UNIT_B }, DispatchStatus.DISPATCHED);
    await refused(handlerA, { id, action: 'ACCEPT', expectedVersion: version }, 'FORBIDDEN');
    version = await step(handlerB, { id, action: 'ACCEPT', expectedVersion: version }, DispatchStatus.ACCEPTED);
    version = await step(handlerB, { id, action: 'REPLY', expectedVersion: version, reply: REPLY_TEXT }, DispatchStatus.REPLIED);

    const timeline = (await get(id)).timeline;
    expect(timeline).toHaveLength(6);
    expect(timeline.map((e: any) => [e.action, e.actorId, e.unit?.id ?? null, e.reason])).toEqual([
      ['RECEIVE', hotline.id, null, null],
      ['DISPATCH', hotline.id, UNIT_A, null],
      ['RETURN', handlerA.id, UNIT_A, '不属于本单位职责，应由市场监管局办理'],
      ['DISPATCH', hotline.id, UNIT_B, null],
      ['ACCEPT', handlerB.id, UNIT_B, null],
      ['REPLY', handlerB.id, UNIT_B, null],
    ]);
    const returned = await eventually(() => events.find((e) => e.topic === 'complaint.returned' && e.payload.id === id));
    // The unit that returned it still sees that line of its feed.
    expect(returned.payload).toEqual({ id, title: '开办企业三部门推诿', status: 'RETURNED', unitId: null, unitIds: [UNIT_A] });
    await expectTallyExact();
  });

  it('refuses to close a dissatisfied complaint; REDO sends it back and the close deadline still governs', async () => {
    const id = await receive();
    let version = await step(hotline, { id, action: 'DISPATCH', expectedVersion: 1, unitId: UNIT_A }, DispatchStatus.DISPATCHED);
    version = await step(handlerA, { id, action: 'ACCEPT', expectedVersion: version }, DispatchStatus.ACCEPTED);
    version = await step(handlerA, { id, action: 'REPLY', expectedVersion: version, reply: '已答复' }, DispatchStatus.REPLIED);
    const error = await refused(hotline, { id, action: 'CLOSE', expectedVersion: version, satisfaction: 'DISSATISFIED' }, 'BAD_USER_INPUT', 'satisfaction');
    expect(error.message).toContain('REDO');
    await refused(hotline, { id, action: 'CLOSE', expectedVersion: version }, 'BAD_USER_INPUT', 'satisfaction');
    await refused(hotline, { id, action: 'REDO', expectedVersion: version }, 'BAD_USER_INPUT', 'reason');
    // A unit cannot send itself back to work, nor close its own reply.
    await refused(handlerA, { id, action: 'REDO', expectedVersion: version, reason: '自行重办' }, 'FORBIDDEN');
    await refused(handlerA, { id, action: 'CLOSE', expectedVersion: version, satisfaction: 'SATISFIED' }, 'FORBIDDEN');

    const { closeDueAt } = await row(id);
    version = await step(hotline, { id, action: 'REDO', expectedVersion: version, reason: '企业回访不满意：税务登记仍未办结' }, DispatchStatus.ACCEPTED);
    expect((await row(id)).dueAt).toEqual(closeDueAt);
    version = await step(handlerA, { id, action: 'REPLY', expectedVersion: version, reply: '税务登记已办结' }, DispatchStatus.REPLIED);
    version = await step(hotline, { id, action: 'CLOSE', expectedVersion: version, satisfaction: 'BASICALLY_SATISFIED' }, DispatchStatus.CLOSED);

    const timeline = (await get(id)).timeline;
    expect(timeline.map((e: any) => `${e.action}:${e.fromStatus}>${e.toStatus}`)).toEqual([
      'RECEIVE:null>AWAITING_DISPATCH',
      'DISPATCH:AWAITING_DISPATCH>DISPATCHED',
      'ACCEPT:DISPATCHED>ACCEPTED',
      'REPLY:ACCEPTED>REPLIED',
      'REDO:REPLIED>ACCEPTED',
      'REPLY:ACCEPTED>REPLIED',
      'CLOSE:REPLIED>CLOSED',
    ]);
    expect(timeline[4]).toMatchObject({ reason: '企业回访不满意：税务登记仍未办结', satisfaction: 'DISSATISFIED', actorId: hotline.id });
    expect(timeline[6].satisfaction).toBe('BASICALLY_SATISFIED');
    await eventually(() => events.filter((e) => e.topic === 'complaint.accepted' && e.payload.id === id).length === 2);
    await expectTallyExact();
  });

  it('rejects a complaint with a written reason (不予受理)', async () => {
    const id = await receive();
    await refused(hotline, { id, action: 'REJECT', expectedVersion: 1 }, 'BAD_USER_INPUT', 'reason');
    await refused(hotline, { id, action: 'REJECT', expectedVersion: 1, reason: '理由', unitId: UNIT_A }, 'BAD_USER_INPUT', 'unitId');
    await step(hotline, { id, action: 'REJECT', expectedVersion: 1, reason: '不属于营商环境投诉受理范围，已告知向法院起诉' }, DispatchStatus.CLOSED);
    const timeline = (await get(id)).timeline;
    expect(timeline.map((e: any) => [e.action, e.fromStatus, e.toStatus, e.reason])).toEqual([
      ['RECEIVE', null, 'AWAITING_DISPATCH', null],
      ['REJECT', 'AWAITING_DISPATCH', 'CLOSED', '不属于营商环境投诉受理范围，已告知向法院起诉'],
    ]);
    const closed = await eventually(() => events.find((e) => e.topic === 'complaint.closed' && e.payload.id === id));
    expect(JSON.stringify(closed.payload)).not.toContain('法院');
    await expectTallyExact();
  });

  it('forbids a handler of another unit and the wrong role; refuses the wrong state and a stale version', async () => {
    const id = await receive();
    await refused(handlerA, { id, action: 'DISPATCH', expectedVersion: 1, unitId: UNIT_A }, 'FORBIDDEN');
    await refused(hotline, { id, action: 'DISPATCH', expectedVersion: 1, unitId: 'not-a-unit' }, 'BAD_USER_INPUT', 'unitId');
    await refused(hotline, { id, action: 'CLOSE', expectedVersion: 1, satisfaction: 'SATISFIED' }, 'INVALID_TRANSITION');
    let version = await step(hotline, { id, action: 'DISPATCH', expectedVersion: 1, unitId: UNIT_A }, DispatchStatus.DISPATCHED);
    await refused(handlerB, { id, action: 'ACCEPT', expectedVersion: version }, 'FORBIDDEN');
    await refused(handlerB, { id, action: 'RETURN', expectedVersion: version, reason: '不是我们的' }, 'FORBIDDEN');
    await refused(hotline, { id, action: 'ACCEPT', expectedVersion: version }, 'FORBIDDEN');
    await refused({ ...handlerA, unitId: undefined }, { id, action: 'ACCEPT', expectedVersion: version }, 'FORBIDDEN');
    await refused(handlerA, { id, action: 'REPLY', expectedVersion: version, reply: '已办' }, 'INVALID_TRANSITION');
    await refused(hotline, { id, action: 'REJECT', expectedVersion: version, reason: '不予受理' }, 'INVALID_TRANSITION');
    await refused(hotline, { id, action: 'DISPATCH', expectedVersion: version, unitId: UNIT_B }, 'INVALID_TRANSITION');
    await refused(handlerA, { id, action: 'ACCEPT', expectedVersion: version - 1 }, 'CONFLICT');
    version = await step(handlerA, { id, action: 'ACCEPT', expectedVersion: version }, DispatchStatus.ACCEPTED);
    await refused(handlerB, { id, action: 'REPLY', expectedVersion: version, reply: '越权答复' }, 'FORBIDDEN');
    version = await step(handlerA, { id, action: 'REPLY', expectedVersion: version, reply: '已答复' }, DispatchStatus.REPLIED);
    version = await step(hotline, { id, action: 'CLOSE', expectedVersion: version, satisfaction: 'SATISFIED' }, DispatchStatus.CLOSED);
    // Nothing leads out of CLOSED, even for whoever may take the action: the hotline, or the unit that handled it.
    for (const action of Object.values(ComplaintAction)) {
      const fields = { DISPATCH: { unitId: UNIT_B }, RETURN: { reason: '理由' }, REPLY: { reply: '答复' }, CLOSE: { satisfaction: 'SATISFIED' }, REDO: { reason: '理由' }, REJECT: { reason: '理由' } }[action as string] ?? {};
      const actor = COMPLAINT_TRANSITIONS[action].ownUnit ? handlerA : hotline;
      await refused(actor, { id, action, expectedVersion: version, ...fields }, 'INVALID_TRANSITION');
    }
    expect((await get(id)).timeline).toHaveLength(5);
    await expectTallyExact();
  });

  it('decides by permission, not by role: a unit system’s key handles its own unit’s complaints and steers none', async () => {
    const unitKey: Caller = { id: 'key-a', name: 'A单位办公系统', roles: [Role.INTEGRATOR], regionCode: '990100', unitId: UNIT_A, permissions: [Permission.COMPLAINT_HANDLE] };
    const id = await receive();
    await refused(unitKey, { id, action: 'DISPATCH', expectedVersion: 1, unitId: UNIT_A }, 'FORBIDDEN');
    let version = await step(hotline, { id, action: 'DISPATCH', expectedVersion: 1, unitId: UNIT_B }, DispatchStatus.DISPATCHED);
    await refused(unitKey, { id, action: 'ACCEPT', expectedVersion: version }, 'FORBIDDEN');
    version = await step(handlerB, { id, action: 'RETURN', expectedVersion: version, reason: '应由A单位办理' }, DispatchStatus.RETURNED);
    version = await step(hotline, { id, action: 'DISPATCH', expectedVersion: version, unitId: UNIT_A }, DispatchStatus.DISPATCHED);
    version = await step(unitKey, { id, action: 'ACCEPT', expectedVersion: version }, DispatchStatus.ACCEPTED);
    version = await step(unitKey, { id, action: 'REPLY', expectedVersion: version, reply: REPLY_TEXT }, DispatchStatus.REPLIED);
    await refused(unitKey, { id, action: 'CLOSE', expectedVersion: version, satisfaction: 'SATISFIED' }, 'FORBIDDEN');
    expect((await get(id)).timeline.at(-1)).toMatchObject({ action: 'REPLY', actorId: unitKey.id, unit: { id: UNIT_A } });
    await expectTallyExact();
  });

  it('lets exactly one of two handlers accept at once; the other gets CONFLICT', async () => {
    const id = await receive();
    const version = await step(hotline, { id, action: 'DISPATCH', expectedVersion: 1, unitId: UNIT_A }, DispatchStatus.DISPATCHED);
    const before = await tally();
    const results = await Promise.all([handlerA, handlerA2].map((handler) => act(handler, { id, action: 'ACCEPT', expectedVersion: version })));
    const winners = results.filter((r) => r.data?.actOnComplaint);
    expect(winners).toHaveLength(1);
    expect(winners[0].data.actOnComplaint).toMatchObject({ version: version + 1, dispatchStatus: 'ACCEPTED' });
    expect(results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code)).toEqual(['CONFLICT']);
    const timeline = (await get(id)).timeline;
    expect(timeline.filter((e: any) => e.action === 'ACCEPT')).toHaveLength(1);
    const count = (rows: { status: string; count: number }[], status: string) => rows.find((r) => r.status === status)!.count;
    const after = await tally();
    expect(count(after, 'ACCEPTED')).toBe(count(before, 'ACCEPTED') + 1);
    expect(count(after, 'DISPATCHED')).toBe(count(before, 'DISPATCHED') - 1);
    await eventually(() => events.some((e) => e.topic === 'complaint.accepted' && e.payload.id === id));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.filter((e) => e.topic === 'complaint.accepted' && e.payload.id === id)).toHaveLength(1);
    await expectTallyExact();
  });
});

describe('demo complaints', () => {
  it('come with a timeline that ends in their status', async () => {
    const [embedded] = await databaseTargets();
    const target = embedded.create();
    const subgraph = await startTestSubgraph(complaintsSubgraph({ identity: TEST_IDENTITY_KEYS }), target, [], true);
    try {
      const complaints = await subgraph.dataSource.getRepository(Complaint).find();
      const entries = await subgraph.dataSource.getRepository(ComplaintTimelineEntry).find({ order: { at: 'ASC', id: 'ASC' } });
      expect(complaints.length).toBeGreaterThan(0);
      for (const complaint of complaints) {
        const mine = entries.filter((e) => e.complaintId === complaint.id);
        expect(mine[0].action).toBe('RECEIVE');
        expect(mine.at(-1)!.toStatus).toBe(complaint.dispatchStatus);
        for (let i = 1; i < mine.length; i++) expect(mine[i].fromStatus).toBe(mine[i - 1].toStatus);
        if (complaint.dispatchStatus === DispatchStatus.RETURNED) expect(complaint.unitId).toBeNull();
      }
    } finally {
      await subgraph.stop();
      await target.dispose();
    }
  });
});
