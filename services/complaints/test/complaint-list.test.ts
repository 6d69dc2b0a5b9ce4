import { Permission, Role, type Caller } from '@bizenv/common/auth';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { allPages, callSubgraph, type DatabaseTarget, databaseTargets, readSteadily, startTestSubgraph, TEST_IDENTITY_KEYS } from '@bizenv/common/testing';
import { isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel, ComplaintCategory } from '../src/complaint/complaint-enums.js';
import { Complaint } from '../src/complaint/complaint.entity.js';
import { buildComplaintsSchema, complaintsSubgraph } from '../src/subgraph.js';

const hotline: Caller = { id: 'op-1', name: '受理员', roles: [Role.HOTLINE_OPERATOR], regionCode: '990100' };
const linjiangLeader: Caller = { id: 'leader-1', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };
const screen: Caller = { id: 'screen-1', name: '指挥中心大屏', roles: [Role.SCREEN], regionCode: '990100' };

const LIST = `query($filter: ComplaintFilter, $first: Int, $after: String) {
  complaints(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id dispatchStatus overdue receivedAt unit { id } region { code } } }
  }
}`;
const GET = `query($id: ID!) { complaint(id: $id) { id timeline { action } } }`;
const ENTITY = `query($id: ID!) { _entities(representations: [{ __typename: "Complaint", id: $id }]) { ... on Complaint { id title } } }`;
const RECEIVE = `mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id } }`;

interface Listed {
  id: string;
  dispatchStatus: DispatchStatus;
  overdue: boolean;
  receivedAt: string;
}

describe.each(await databaseTargets())('complaint list on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;
  let rows: Complaint[];

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(complaintsSubgraph({ identity: TEST_IDENTITY_KEYS }), target, [], true);
    rows = await subgraph.dataSource.getRepository(Complaint).find();
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const call = (caller: Caller, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  const list = (caller: Caller, filter: Record<string, unknown> | null, first = 9) =>
    allPages<Listed>(async (after) => {
      const result = await call(caller, LIST, { filter, first, after });
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data.complaints;
    });
  const isOverdue = (c: Complaint, at: number) => c.dispatchStatus !== DispatchStatus.CLOSED && c.dueAt.getTime() < at;
  /** Newest receipt first, ties by id descending: the rows the list must give, in its order. */
  const expected = (keep: (c: Complaint) => boolean) =>
    rows
      .filter(keep)
      .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((c) => c.id);
  const steadily = <T>(read: () => Promise<T>) => readSteadily(rows.map((c) => c.dueAt.getTime()), read);
  const busiestUnit = (keep: (c: Complaint) => boolean) => {
    const counts = new Map<string, number>();
    for (const c of rows.filter(keep)) if (c.unitId) counts.set(c.unitId, (counts.get(c.unitId) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0][0];
  };

  it('lists the caller’s whole subtree newest first, page by page, and filters by region, status, channel, category, deadline and unit', async () => {
    const unit = busiestUnit(() => true);
    const filters: [Record<string, unknown> | null, (c: Complaint, at: number) => boolean][] = [
      [null, () => true],
      [{ regionCode: '990103' }, (c) => c.regionCode.startsWith('990103')],
      [{ regionCode: rows[0].regionCode }, (c) => c.regionCode === rows[0].regionCode],
      [{ dispatchStatus: DispatchStatus.ACCEPTED }, (c) => c.dispatchStatus === DispatchStatus.ACCEPTED],
      [{ channel: Channel.HOTLINE_967788 }, (c) => c.channel === Channel.HOTLINE_967788],
      [{ category: ComplaintCategory.BROKEN_PROMISES }, (c) => c.category === ComplaintCategory.BROKEN_PROMISES],
      [{ overdue: true }, isOverdue],
      [{ overdue: false }, (c, at) => !isOverdue(c, at)],
      [{ unitId: unit }, (c) => c.unitId === unit],
      [{ regionCode: '990102', overdue: false, dispatchStatus: DispatchStatus.CLOSED }, (c) => c.regionCode.startsWith('990102') && c.dispatchStatus === DispatchStatus.CLOSED],
    ];
    expect(rows.some((c) => isOverdue(c, Date.now()))).toBe(true);
    for (const [filter, keep] of filters) {
      const { at, value } = await steadily(() => list(hotline, filter));
      expect(value.nodes.map((node) => node.id), JSON.stringify(filter)).toEqual(expected((c) => keep(c, at)));
      for (const node of value.nodes) expect(node.overdue).toBe(isOverdue(rows.find((c) => c.id === node.id)!, at));
    }
    expect((await list(hotline, null, 100)).totalCount).toBe(rows.length);
  });

  it('counts for a district leader only their district, and refuses another district rather than answering zero', async () => {
    const own = await list(linjiangLeader, null);
    expect(own.nodes.map((n) => n.id)).toEqual(expected((c) => c.regionCode.startsWith('990102')));
    expect(own.totalCount).toBeLessThan(rows.length);
    for (const regionCode of ['990103', '990100', '990103001']) {
      const other = await call(linjiangLeader, LIST, { filter: { regionCode } });
      expect(other.errors?.[0].extensions?.code, regionCode).toBe('FORBIDDEN');
      expect(other.data).toBeNull();
    }
    const foreign = rows.find((c) => !c.regionCode.startsWith('990102'))!;
    for (const query of [GET, ENTITY]) {
      const read = await call(linjiangLeader, query, { id: foreign.id });
      expect(read.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(read.data)).not.toContain(foreign.id);
    }
    const mine = rows.find((c) => c.regionCode.startsWith('990102'))!;
    expect((await call(linjiangLeader, ENTITY, { id: mine.id })).data._entities).toEqual([{ id: mine.id, title: mine.title }]);
  });

  it('shows a unit operator only the complaints dispatched to their unit, with their timelines', async () => {
    const unit = busiestUnit((c) => c.regionCode.startsWith('990102'));
    const handler: Caller = { id: 'h-1', name: '承办人', roles: [Role.UNIT_HANDLER], regionCode: '990102', unitId: unit };
    const own = await list(handler, null);
    expect(own.nodes.map((n) => n.id)).toEqual(expected((c) => c.regionCode.startsWith('990102') && c.unitId === unit));
    expect(own.totalCount).toBeGreaterThan(0);
    expect((await list(handler, { unitId: busiestUnit((c) => c.unitId !== unit) })).totalCount).toBe(0);
    const mine = await call(handler, GET, { id: own.nodes[0].id });
    expect(mine.data.complaint.timeline[0]).toEqual({ action: 'RECEIVE' });
    const other = rows.find((c) => c.regionCode.startsWith('990102') && c.unitId !== unit)!;
    for (const query of [GET, ENTITY]) expect((await call(handler, query, { id: other.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('gives a wall screen statistics only: no list and no complaint by id', async () => {
    for (const [query, variables] of [[LIST, {}], [GET, { id: rows[0].id }], [ENTITY, { id: rows[0].id }]] as const) {
      const result = await call(screen, query, variables);
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(result.data)).not.toContain(rows[0].id);
    }
  });

  it('decides by permission, not by role: an intake key receives but reads nothing', async () => {
    const intake: Caller = { id: 'key-1', name: '12345平台', roles: [Role.INTEGRATOR], regionCode: '990100', permissions: [Permission.COMPLAINT_INTAKE] };
    const received = await call(intake, RECEIVE, {
      input: { channel: Channel.HOTLINE_12345, category: ComplaintCategory.OTHER, title: '平台转来', content: '内容', regionCode: '990104001' },
    });
    expect(received.errors).toBeUndefined();
    const id = received.data.receiveComplaint.id;
    for (const [query, variables] of [[LIST, {}], [GET, { id }]] as const) {
      expect((await call(intake, query, variables)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const reader: Caller = { ...intake, permissions: [Permission.COMPLAINT_READ] };
    expect((await list(reader, { regionCode: '990104001' })).nodes.map((n) => n.id)).toContain(id);
    await subgraph.dataSource.getRepository(Complaint).delete({ id });
  });

  it('lists nothing about the complainant: a complaint has staff-side fields only', () => {
    return buildComplaintsSchema().then((schema) => {
      const type = schema.getType('Complaint');
      if (!isObjectType(type)) throw new Error('Complaint is an object type');
      // One field a line, so that each new field is a reviewed line of its own.
      expect(Object.keys(type.getFields()).sort()).toEqual([
        'category',
        'channel',
        'closeDueAt',
        'clueTransfer',
        'coUnits',
        'content',
        'deadlineBasis',
        'deadlineProvisional',
        'dispatchStatus',
        'dueAt',
        'extensionRequests',
        'externalId',
        'id',
        'light',
        'mergedComplaints',
        'mergedInto',
        'overdue',
        'possibleDuplicateOf',
        'receivedAt',
        'region',
        'replyDueAt',
        'subjectUnit',
        'timeline',
        'title',
        'unit',
        'version',
      ]);
    });
  });

  it('refuses a malformed filter or page with the field named', async () => {
    for (const [variables, field] of [
      [{ filter: { regionCode: '99010' } }, 'filter.regionCode'],
      [{ filter: { unitId: 'city-market' } }, 'filter.unitId'],
      [{ first: 0 }, 'first'],
      [{ after: 'bm90IGEgY3Vyc29y' }, 'after'],
    ] as const) {
      const result = await call(hotline, LIST, variables);
      expect(result.errors?.[0].extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});
