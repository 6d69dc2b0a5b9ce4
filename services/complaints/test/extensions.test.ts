import { Role, type Caller } from '@bizenv/common/auth';
import { now, setClockOffset, clockOffsetMs } from '@bizenv/common/clock';
import type { DomainEvent } from '@bizenv/common/event-bus';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, eventually, startTestSubgraph, TEST_IDENTITY_KEYS } from '@bizenv/common/testing';
import { endOfShanghaiDay, shanghaiDate } from '@bizenv/common/working-days';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel, ComplaintCategory } from '../src/complaint/complaint-enums.js';
import { latestExtensionDate } from '../src/extension/extension-limit.js';
import { complaintsSubgraph } from '../src/subgraph.js';

const UNIT = '8a3f1c2e-0000-5000-a000-0000000000e1';
const OTHER_UNIT = '8a3f1c2e-0000-5000-a000-0000000000e2';
const hotline: Caller = { id: 'op-1', name: '受理员甲', roles: [Role.HOTLINE_OPERATOR], regionCode: '990100' };
const hotline2: Caller = { id: 'op-2', name: '受理员乙', roles: [Role.HOTLINE_OPERATOR], regionCode: '990100' };
const handler: Caller = { id: 'h-1', name: '承办人甲', roles: [Role.UNIT_HANDLER], regionCode: '990103', unitId: UNIT };
const otherHandler: Caller = { id: 'h-2', name: '承办人乙', roles: [Role.UNIT_HANDLER], regionCode: '990103', unitId: OTHER_UNIT };
const REGION = '990103001';
const DAY_MS = 86_400_000;

const FIELDS = 'id version dispatchStatus closeDueAt dueAt overdue light deadlineBasis { closeExtended }';
const RECEIVE = `mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { ${FIELDS} receivedAt } }`;
const ACT = `mutation($input: ActOnComplaintInput!) { actOnComplaint(input: $input) { ${FIELDS} } }`;
const REQUEST = `mutation($input: RequestComplaintExtensionInput!) { requestComplaintExtension(input: $input) { ${FIELDS} } }`;
const APPROVE = `mutation($input: DecideComplaintExtensionInput!) { approveComplaintExtension(input: $input) { ${FIELDS} } }`;
const REJECT = `mutation($input: DecideComplaintExtensionInput!) { rejectComplaintExtension(input: $input) { ${FIELDS} } }`;
const GET = `query($id: ID!) { complaint(id: $id) {
  ${FIELDS}
  extensionRequests { reason requestedUntil requestedById requestedByName status decidedById decidedByName decisionNote previousCloseDueAt }
  timeline { action fromStatus toStatus actorName reason note }
} }`;
const STATS = `query($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { complaintStats { open overdue } } } }`;

describe.each(await databaseTargets())('extensions (延期) on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(complaintsSubgraph({ identity: TEST_IDENTITY_KEYS }), target, events);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const call = (caller: Caller, query: string, input: Record<string, unknown>) => callSubgraph(subgraph.url, caller, query, { input });
  const ok = async (caller: Caller, query: string, input: Record<string, unknown>) => {
    const result = await call(caller, query, input);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return Object.values(result.data)[0] as any;
  };
  const get = async (id: string) => (await callSubgraph(subgraph.url, hotline, GET, { id })).data.complaint;
  const stats = async () => (await callSubgraph(subgraph.url, hotline, STATS, { code: '990103' })).data._entities[0].complaintStats;

  /** Received `ageDays` ago, dispatched to UNIT and accepted (and replied, when asked): the unit handles it. */
  const handled = async (ageDays: number, reply = false) => {
    const receivedAt = new Date(now().getTime() - ageDays * DAY_MS).toISOString();
    const received = await ok(hotline, RECEIVE, {
      channel: Channel.HOTLINE_12345, category: ComplaintCategory.BROKEN_PROMISES, title: '招商奖励资金未兑现', content: '涉及多个部门，需协调', regionCode: REGION, receivedAt,
    });
    let { version } = await ok(hotline, ACT, { id: received.id, action: 'DISPATCH', unitId: UNIT, expectedVersion: 1 });
    ({ version } = await ok(handler, ACT, { id: received.id, action: 'ACCEPT', expectedVersion: version }));
    if (reply) ({ version } = await ok(handler, ACT, { id: received.id, action: 'REPLY', reply: '已阶段性答复', expectedVersion: version }));
    return { ...received, version };
  };

  it('lets the handling unit ask and a hotline operator approve up to 3 months from receipt, recorded with who and why', async () => {
    const complaint = await handled(2);
    const limit = latestExtensionDate(new Date(complaint.receivedAt));
    const requested = await ok(handler, REQUEST, { id: complaint.id, reason: '涉及历史遗留问题，需多部门会商', until: limit, expectedVersion: complaint.version });
    expect(requested.version).toBe(complaint.version + 1);
    expect(requested.closeDueAt).toBe(complaint.closeDueAt);
    await eventually(() => events.some((e) => e.topic === 'complaint.extension-requested' && e.payload.id === complaint.id));

    const approved = await ok(hotline, APPROVE, { id: complaint.id, note: '同意延期', expectedVersion: requested.version });
    expect(approved.closeDueAt).toBe(endOfShanghaiDay(limit).toISOString());
    expect(approved.deadlineBasis.closeExtended).toBe(true);
    // Not yet replied: the reply deadline still governs.
    expect(approved.dueAt).toBe(complaint.dueAt);
    const stored = await get(complaint.id);
    expect(stored.extensionRequests).toEqual([
      {
        reason: '涉及历史遗留问题，需多部门会商', requestedUntil: limit, requestedById: 'h-1', requestedByName: '承办人甲', status: 'APPROVED',
        decidedById: 'op-1', decidedByName: '受理员甲', decisionNote: '同意延期', previousCloseDueAt: complaint.closeDueAt,
      },
    ]);
    expect(stored.timeline.slice(-2)).toEqual([
      { action: 'EXTEND_REQUEST', fromStatus: 'ACCEPTED', toStatus: 'ACCEPTED', actorName: '承办人甲', reason: '涉及历史遗留问题，需多部门会商', note: `申请延期至${limit}` },
      { action: 'EXTEND_APPROVE', fromStatus: 'ACCEPTED', toStatus: 'ACCEPTED', actorName: '受理员甲', reason: '同意延期', note: `批准延期至${limit}` },
    ]);
    await eventually(() => events.find((e) => e.topic === 'complaint.extended' && e.payload.id === complaint.id && e.regionCode === REGION));
  });

  it('refuses a date beyond 3 months from receipt, or not after the close deadline, and stores nothing', async () => {
    const complaint = await handled(1);
    const limit = latestExtensionDate(new Date(complaint.receivedAt));
    const beyond = new Date(Date.parse(`${limit}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    for (const until of [beyond, shanghaiDate(new Date(complaint.closeDueAt)), '2026-02-30']) {
      const result = await call(handler, REQUEST, { id: complaint.id, reason: '情况特殊', until, expectedVersion: complaint.version });
      expect(result.errors?.[0].extensions, until).toMatchObject({ code: 'BAD_USER_INPUT', field: 'until' });
    }
    expect(await get(complaint.id)).toMatchObject({ version: complaint.version, extensionRequests: [] });
  });

  it('lets only the handling unit ask, once at a time, and only a hotline operator decide', async () => {
    const complaint = await handled(1);
    const request = { id: complaint.id, reason: '情况特殊', until: latestExtensionDate(new Date(complaint.receivedAt)), expectedVersion: complaint.version };
    expect((await call(otherHandler, REQUEST, request)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await call(hotline, REQUEST, request)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const requested = await ok(handler, REQUEST, request);
    expect((await call(handler, REQUEST, { ...request, expectedVersion: requested.version })).errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    expect((await call(handler, APPROVE, { id: complaint.id, expectedVersion: requested.version })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('rejects with a written opinion: the close deadline stays', async () => {
    const complaint = await handled(1);
    const requested = await ok(handler, REQUEST, { id: complaint.id, reason: '情况特殊', until: latestExtensionDate(new Date(complaint.receivedAt)), expectedVersion: complaint.version });
    expect((await call(hotline, REJECT, { id: complaint.id, expectedVersion: requested.version })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    const rejected = await ok(hotline, REJECT, { id: complaint.id, note: '不属于特别重大情形', expectedVersion: requested.version });
    expect(rejected).toMatchObject({ closeDueAt: complaint.closeDueAt, deadlineBasis: { closeExtended: false }, version: requested.version + 1 });
    const stored = await get(complaint.id);
    expect(stored.extensionRequests[0]).toMatchObject({ status: 'REJECTED', decidedByName: '受理员甲', decisionNote: '不属于特别重大情形' });
    expect(stored.timeline.at(-1)).toMatchObject({ action: 'EXTEND_REJECT', actorName: '受理员甲', reason: '不属于特别重大情形' });
    expect((await call(hotline, APPROVE, { id: complaint.id, expectedVersion: rejected.version })).errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('lets one of two concurrent decisions win; the other, and a stale version, get CONFLICT', async () => {
    const complaint = await handled(1);
    const requested = await ok(handler, REQUEST, { id: complaint.id, reason: '情况特殊', until: latestExtensionDate(new Date(complaint.receivedAt)), expectedVersion: complaint.version });
    const results = await Promise.all([
      call(hotline, APPROVE, { id: complaint.id, expectedVersion: requested.version }),
      call(hotline2, REJECT, { id: complaint.id, note: '不同意', expectedVersion: requested.version }),
    ]);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code)).toEqual(['CONFLICT']);
    const stored = await get(complaint.id);
    expect(stored.version).toBe(requested.version + 1);
    expect(stored.extensionRequests).toHaveLength(1);
    expect(stored.timeline.filter((t: { action: string }) => t.action.startsWith('EXTEND_')).length).toBe(2);
    expect((await call(handler, ACT, { id: complaint.id, action: 'REPLY', reply: '答复', expectedVersion: requested.version })).errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('turns an overdue complaint back to on time at once when the extension is approved', async () => {
    const complaint = await handled(2, true);
    const requested = await ok(handler, REQUEST, { id: complaint.id, reason: '需等待上级批复', until: latestExtensionDate(new Date(complaint.receivedAt)), expectedVersion: complaint.version });
    // The close deadline governs after the reply; the test clock passes it.
    setClockOffset(clockOffsetMs() + new Date(complaint.closeDueAt).getTime() - now().getTime() + 3600_000);
    const late = await get(complaint.id);
    expect(late).toMatchObject({ overdue: true, light: 'RED' });
    const before = await stats();
    const approved = await ok(hotline, APPROVE, { id: complaint.id, expectedVersion: requested.version });
    expect(approved).toMatchObject({ overdue: false, light: 'GREEN', dueAt: approved.closeDueAt });
    expect(await stats()).toEqual({ open: before.open, overdue: before.overdue - 1 });
    await eventually(() => events.find((e) => e.topic === 'complaint.extended' && e.payload.id === complaint.id));
  });
});
