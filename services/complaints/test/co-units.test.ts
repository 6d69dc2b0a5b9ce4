import { Role, type Caller } from '@bizenv/common/auth';
import { clockOffsetMs, setClockOffset } from '@bizenv/common/clock';
import type { DomainEvent } from '@bizenv/common/event-bus';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { allPages, callSubgraph, type DatabaseTarget, databaseTargets, eventually, startTestSubgraph, TEST_IDENTITY_KEYS } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CO_UNITS } from '../src/complaint/complaint-action.js';
import { complaintsSubgraph } from '../src/subgraph.js';

const unit = (n: number) => `8a3f1c2e-0000-5000-a000-${String(n).padStart(12, '0')}`;
const [LEAD, CO_1, CO_2, OTHER] = [unit(1), unit(2), unit(3), unit(4)];
const hotline: Caller = { id: 'op-1', name: '受理员甲', roles: [Role.HOTLINE_OPERATOR], regionCode: '990100' };
const handler = (unitId: string, name: string): Caller => ({ id: `h-${unitId.slice(-2)}`, name, roles: [Role.UNIT_HANDLER], regionCode: '990102', unitId });
const lead = handler(LEAD, '牵头单位承办人');
const co1 = handler(CO_1, '协办单位一承办人');
const co2 = handler(CO_2, '协办单位二承办人');
const other = handler(OTHER, '无关单位承办人');

const RECEIVE = `mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id version } }`;
const ACT = `mutation($input: ActOnComplaintInput!) { actOnComplaint(input: $input) { id version dispatchStatus unit { id } coUnits { id } } }`;
const DISPATCH = `mutation($input: DispatchComplaintInput!) { dispatchComplaint(input: $input) { version coUnits { id } } }`;
const NOTE = `mutation($id: ID!, $note: String!) { addCoHandlingNote(id: $id, note: $note) { id version dispatchStatus } }`;
const GET = `query($id: ID!) { complaint(id: $id) { id version unit { id } coUnits { id }
  timeline { action actorId unit { id } coUnits { id } note } } }`;
const ENTITY = `query($id: ID!) { _entities(representations: [{ __typename: "Complaint", id: $id }]) { ... on Complaint { id title } } }`;
const LIST = `query($after: String) { complaints(first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;

describe.each(await databaseTargets())('a lead unit and co-units on $name', ({ create }) => {
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

  const call = (caller: Caller, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  const ok = async (caller: Caller, query: string, variables: Record<string, unknown> = {}) => {
    const result = await call(caller, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data;
  };
  const refused = async (caller: Caller, query: string, variables: Record<string, unknown>, code: string, field?: string) => {
    const result = await call(caller, query, variables);
    expect(result.errors?.[0].extensions, JSON.stringify(result)).toMatchObject({ code, ...(field ? { field } : {}) });
  };
  const receive = async (): Promise<string> =>
    (
      await ok(hotline, RECEIVE, {
        input: { channel: 'HOTLINE_12345', category: 'BUCK_PASSING', title: '项目用地审批多部门推诿', content: '规划、自然资源、住建三部门互相推诿。', regionCode: '990102001' },
      })
    ).receiveComplaint.id;
  const listed = async (caller: Caller) => (await allPages<{ id: string }>(async (after) => (await ok(caller, LIST, { after })).complaints)).nodes.map((n) => n.id);
  const act = (caller: Caller, input: Record<string, unknown>) => ok(caller, ACT, { input });

  it('lets the co-units read the complaint by id, in lists and as an entity, and add notes; only the lead unit acts', async () => {
    const id = await receive();
    const dispatched = (await act(hotline, { id, action: 'DISPATCH', expectedVersion: 1, unitId: LEAD, coUnitIds: [CO_2, CO_1] })).actOnComplaint;
    expect(dispatched).toMatchObject({ version: 2, unit: { id: LEAD } });
    expect(dispatched.coUnits.map((u: { id: string }) => u.id)).toEqual([CO_1, CO_2]);

    for (const caller of [lead, co1, co2]) {
      expect((await ok(caller, GET, { id })).complaint.id).toBe(id);
      expect((await ok(caller, ENTITY, { id }))._entities[0].id).toBe(id);
      expect(await listed(caller)).toContain(id);
    }
    await refused(other, GET, { id }, 'FORBIDDEN');
    expect(await listed(other)).not.toContain(id);

    // The lead unit drives the loop; a co-unit cannot accept, return or reply.
    await refused(co1, ACT, { input: { id, action: 'ACCEPT', expectedVersion: 2 } }, 'FORBIDDEN');
    await refused(co1, ACT, { input: { id, action: 'RETURN', expectedVersion: 2, reason: '不归我们' } }, 'FORBIDDEN');
    expect((await act(lead, { id, action: 'ACCEPT', expectedVersion: 2 })).actOnComplaint.version).toBe(3);
    await refused(co1, ACT, { input: { id, action: 'REPLY', expectedVersion: 3, reply: '已办' } }, 'FORBIDDEN');

    // 协办意见: version unchanged, so the lead's next step is no conflict.
    const noted = (await ok(co1, NOTE, { id, note: '  我局已完成用地预审，意见已转牵头单位。 ' })).addCoHandlingNote;
    expect(noted).toMatchObject({ version: 3, dispatchStatus: 'ACCEPTED' });
    await refused(lead, NOTE, { id, note: '牵头单位不用协办意见' }, 'FORBIDDEN');
    await refused(other, NOTE, { id, note: '无关单位' }, 'FORBIDDEN');
    await refused(co2, NOTE, { id, note: '   ' }, 'BAD_USER_INPUT', 'note');
    expect((await act(lead, { id, action: 'REPLY', expectedVersion: 3, reply: '已会同协办单位办结。' })).actOnComplaint.dispatchStatus).toBe('REPLIED');

    const timeline = (await ok(co2, GET, { id })).complaint.timeline;
    expect(timeline.map((e: any) => [e.action, e.actorId, e.unit?.id ?? null, e.coUnits.map((u: { id: string }) => u.id), e.note])).toEqual([
      ['RECEIVE', hotline.id, null, [], null],
      ['DISPATCH', hotline.id, LEAD, [CO_1, CO_2], null],
      ['ACCEPT', lead.id, LEAD, [], null],
      ['CO_NOTE', co1.id, CO_1, [], '我局已完成用地预审，意见已转牵头单位。'],
      ['REPLY', lead.id, LEAD, [], null],
    ]);
  });

  it('clears the lead and every co-unit when the lead returns it; re-dispatch names them anew', async () => {
    const id = await receive();
    await ok(hotline, DISPATCH, { input: { id, unitId: LEAD, coUnitIds: [CO_1], expectedVersion: 1 } });
    await ok(lead, `mutation($input: ActOnComplaintInput!) { actOnComplaint(input: $input) { dispatchStatus } }`, {
      input: { id, action: 'RETURN', expectedVersion: 2, reason: '主要职责在协办单位' },
    });
    expect((await ok(hotline, GET, { id })).complaint).toMatchObject({ unit: null, coUnits: [] });
    for (const caller of [lead, co1]) {
      await refused(caller, GET, { id }, 'FORBIDDEN');
      expect(await listed(caller)).not.toContain(id);
    }
    await refused(co1, NOTE, { id, note: '退回后不能再留言' }, 'FORBIDDEN');

    const again = (await act(hotline, { id, action: 'DISPATCH', expectedVersion: 3, unitId: CO_1, coUnitIds: [LEAD] })).actOnComplaint;
    expect(again).toMatchObject({ unit: { id: CO_1 }, coUnits: [{ id: LEAD }] });
    expect((await ok(lead, GET, { id })).complaint.unit.id).toBe(CO_1);
    await refused(co2, GET, { id }, 'FORBIDDEN');
    await refused(lead, ACT, { input: { id, action: 'ACCEPT', expectedVersion: 4 } }, 'FORBIDDEN');
    expect((await act(co1, { id, action: 'ACCEPT', expectedVersion: 4 })).actOnComplaint.dispatchStatus).toBe('ACCEPTED');
  });

  it('refuses bad co-units and stores nothing', async () => {
    const id = await receive();
    const cases: [unknown, string][] = [
      [[LEAD], '牵头单位'],
      [[CO_1, CO_1], '重复'],
      [['not-a-uuid'], '格式'],
      [Array.from({ length: MAX_CO_UNITS + 1 }, (_, i) => unit(100 + i)), `${MAX_CO_UNITS}`],
    ];
    for (const [coUnitIds, message] of cases) {
      const result = await call(hotline, ACT, { input: { id, action: 'DISPATCH', expectedVersion: 1, unitId: LEAD, coUnitIds } });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'coUnitIds' });
      expect(result.errors?.[0].message).toContain(message);
    }
    expect((await ok(hotline, GET, { id })).complaint).toMatchObject({ version: 1, unit: null, coUnits: [] });
    await act(hotline, { id, action: 'DISPATCH', expectedVersion: 1, unitId: LEAD });
    await refused(lead, ACT, { input: { id, action: 'ACCEPT', expectedVersion: 2, coUnitIds: [CO_1] } }, 'BAD_USER_INPUT', 'coUnitIds');
    expect((await ok(hotline, GET, { id })).complaint).toMatchObject({ version: 2, coUnits: [] });
  });

  // Last: it moves the clock on. Unit operators' dispatch feeds show what these events name.
  it('names the lead and co-units in its events, also when it turns overdue', async () => {
    const id = await receive();
    await act(hotline, { id, action: 'DISPATCH', expectedVersion: 1, unitId: LEAD, coUnitIds: [CO_2, CO_1] });
    const of = (topic: string) => eventually(() => events.find((e) => e.topic === topic && e.payload.id === id));
    expect((await of('complaint.received')).payload.unitIds).toEqual([]);
    expect((await of('complaint.dispatched')).payload.unitIds).toEqual([LEAD, CO_1, CO_2]);
    setClockOffset(clockOffsetMs() + 60 * 86_400_000);
    expect((await of('complaint.overdue')).payload).toEqual({ id, title: '项目用地审批多部门推诿', unitIds: [LEAD, CO_1, CO_2] });
  });
});
