import { Permission, Role, type Caller } from '@bizenv/common/auth';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import type { DomainEvent } from '@bizenv/common/event-bus';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, eventually, startTestSubgraph, TEST_IDENTITY_KEYS } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Complaint } from '../src/complaint/complaint.entity.js';
import { ComplaintMerge } from '../src/duplicate/complaint-merge.entity.js';
import { SAME_SUBJECT_UNIT_TEXT_THRESHOLD, TEXT_THRESHOLD } from '../src/duplicate/duplicate-detection.js';
import { characterBigrams, jaccard } from '../src/duplicate/text-similarity.js';
import { complaintsSubgraph } from '../src/subgraph.js';

const UNIT = '8a3f1c2e-0000-5000-a000-00000000000a';
const MARKET_OFFICE = '8a3f1c2e-0000-5000-a000-00000000000b';
const TAX_OFFICE = '8a3f1c2e-0000-5000-a000-00000000000c';
const hotline: Caller = { id: 'op-1', name: '受理员甲', roles: [Role.HOTLINE_OPERATOR], regionCode: '990100' };
const hotline2: Caller = { id: 'op-2', name: '受理员乙', roles: [Role.HOTLINE_OPERATOR], regionCode: '990100' };
const leader: Caller = { id: 'leader-1', name: '市领导', roles: [Role.LEADER], regionCode: '990100' };
const handler: Caller = { id: 'h-1', name: '承办人', roles: [Role.UNIT_HANDLER], regionCode: '990102', unitId: UNIT };

const ORIGINAL = { title: '企业开办三个部门相互推诿', content: '在江滨街道办理企业开办，刻章、税务、社保三个部门相互推诿，材料被反复退回，至今没有办结。' };
const REPEAT = { title: '企业开办多个部门相互推诿', content: '我在江滨街道办理企业开办，刻章、税务、社保三个部门相互推诿，材料反复退回，到现在没有办结。' };
const UNRELATED = { title: '招商奖励资金未兑现', content: '签约时承诺的落户奖励两年仍未拨付。' };

const RECEIVE = `mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id version } }`;
const FLAGS = `query($id: ID!) { complaint(id: $id) { id version dispatchStatus
  possibleDuplicateOf { complaint { id } score textSimilarity sameComplainant sameSubjectUnit sameRegion sameCategory flaggedAt } } }`;
const DETAIL = `query($id: ID!) { complaint(id: $id) { id version dispatchStatus mergedInto { id }
  timeline { action fromStatus toStatus actorId note }
  mergedComplaints { id dispatchStatus timeline { action fromStatus toStatus note } } } }`;
const MERGE = `mutation($input: MergeComplaintInput!) { mergeComplaint(input: $input) { id version dispatchStatus } }`;
const DISMISS = `mutation($input: DismissDuplicateInput!) { dismissDuplicate(input: $input) { id version } }`;
const ACT = `mutation($input: ActOnComplaintInput!) { actOnComplaint(input: $input) { version } }`;
const STATS = `query($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region {
  complaintStats { total open byDispatchStatus { status count } merged byCategory { category count } rates { closed resolutionRate } } } } }`;

describe.each(await databaseTargets())('duplicate complaints on $name', ({ create }) => {
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
  const receive = async (text: { title: string; content: string }, extra: Record<string, unknown> = {}): Promise<string> =>
    (await ok(hotline, RECEIVE, { input: { channel: 'HOTLINE_12345', category: 'BUCK_PASSING', regionCode: '990102001', ...text, ...extra } })).receiveComplaint.id;
  const flags = async (id: string, caller: Caller = hotline) => (await ok(caller, FLAGS, { id })).complaint.possibleDuplicateOf;
  const detail = async (id: string) => (await ok(hotline, DETAIL, { id })).complaint;
  const stats = async () => (await ok(leader, STATS, { code: '990100' }))._entities[0].complaintStats;
  const rows = () => subgraph.dataSource.getRepository(Complaint).find();

  it('flags a new complaint close to an open one, and not an unrelated one or one in another district', async () => {
    expect(jaccard(characterBigrams(ORIGINAL.title + ORIGINAL.content), characterBigrams(REPEAT.title + REPEAT.content))).toBeGreaterThanOrEqual(TEXT_THRESHOLD);
    const original = await receive(ORIGINAL);
    const repeat = await receive(REPEAT);
    const unrelated = await receive(UNRELATED);
    const elsewhere = await receive(REPEAT, { regionCode: '990103001' });

    const [flag, ...more] = await flags(repeat);
    expect(more).toEqual([]);
    expect(flag).toMatchObject({ complaint: { id: original }, sameComplainant: false, sameSubjectUnit: false, sameRegion: true, sameCategory: true });
    expect(flag.textSimilarity).toBeGreaterThanOrEqual(TEXT_THRESHOLD);
    expect(flag.score).toBeGreaterThan(flag.textSimilarity * 0.55);
    expect(flag.score).toBeLessThanOrEqual(1);
    expect(await flags(original)).toEqual([]);
    expect(await flags(unrelated)).toEqual([]);
    expect(await flags(elsewhere)).toEqual([]);
    // Only those who steer the loop see flags (a "same complainant" link must not reach a unit).
    expect(await flags(repeat, leader)).toBeNull();
    // Steering without complainant:identity: the "same complainant" link (and the score carrying it) stays hidden.
    expect(await flags(repeat, { id: 'admin-1', name: '管理员', roles: [Role.ADMIN], regionCode: '990100' })).toBeNull();
    expect(await flags(repeat, { ...hotline, id: 'key-1', roles: [Role.INTEGRATOR], permissions: [Permission.COMPLAINT_READ, Permission.COMPLAINT_DISPATCH] })).toBeNull();
  });

  it('flags the same complainant at a lower text similarity; never against a closed complaint', async () => {
    const complainant = { anonymous: false, name: '王五', phone: '13800138000' };
    const first = await receive({ title: '施工许可审批拖延', content: '施工许可申请提交两个月没有答复，窗口说在走流程。' }, { complainant });
    const sameText = { title: '施工许可迟迟不批', content: '施工许可申请材料已齐，两个月了窗口一直说在走流程，没有任何答复。' };
    const similarity = jaccard(characterBigrams('施工许可审批拖延\n施工许可申请提交两个月没有答复，窗口说在走流程。'), characterBigrams(`${sameText.title}\n${sameText.content}`));
    expect(similarity).toBeLessThan(TEXT_THRESHOLD);
    expect(similarity).toBeGreaterThanOrEqual(0.25);
    const byOther = await receive(sameText, { complainant: { anonymous: false, name: '赵六', phone: '13900139000' } });
    const bySame = await receive(sameText, { complainant });
    expect(await flags(byOther)).toEqual([]);
    // Against the first only because the complainant is the same; against the other by text alone.
    const found = (await flags(bySame)).map((f: any) => [f.complaint.id, f.sameComplainant]);
    expect(found).toHaveLength(2);
    expect(found).toEqual(expect.arrayContaining([[first, true], [byOther, false]]));

    const rejected = await receive(UNRELATED);
    await ok(hotline, ACT, { input: { id: rejected, action: 'REJECT', expectedVersion: 1, reason: '不属于受理范围' } });
    const again = await receive(UNRELATED);
    expect((await flags(again)).map((f: any) => f.complaint.id)).not.toContain(rejected);
  });

  it('flags the same subject unit at a lower text similarity; a different or no subject unit is not boosted', async () => {
    const fee = { title: '市场监管所检查时索要评审费', content: '市场监管所人员到门店检查，要求缴纳所谓评审费，不交就说检查不合格。' };
    const again = { title: '检查时被索要费用', content: '监管所人员检查门店后要求缴纳评审费，不交就判定不合格。' };
    const similarity = jaccard(characterBigrams(`${fee.title}\n${fee.content}`), characterBigrams(`${again.title}\n${again.content}`));
    expect(similarity).toBeLessThan(TEXT_THRESHOLD);
    expect(similarity).toBeGreaterThanOrEqual(SAME_SUBJECT_UNIT_TEXT_THRESHOLD);
    const at = { regionCode: '990105001', category: 'ARBITRARY_CHARGES' };
    const first = await receive(fee, { ...at, subjectUnitId: MARKET_OFFICE });
    expect((await ok(hotline, `query($id: ID!) { complaint(id: $id) { subjectUnit { id } unit { id } } }`, { id: first })).complaint).toEqual({ subjectUnit: { id: MARKET_OFFICE }, unit: null });
    const otherUnit = await receive(again, { ...at, subjectUnitId: TAX_OFFICE });
    const noUnit = await receive(again, at);
    const sameUnit = await receive(again, { ...at, subjectUnitId: MARKET_OFFICE });

    // Against the first only where the subject unit is the same; the others match by text alone.
    expect((await flags(otherUnit)).map((f: any) => f.complaint.id)).toEqual([]);
    expect((await flags(noUnit)).map((f: any) => [f.complaint.id, f.sameSubjectUnit])).toEqual([[otherUnit, false]]);
    const found = await flags(sameUnit);
    expect(found.map((f: any) => [f.complaint.id, f.sameSubjectUnit]).sort()).toEqual([[first, true], [noUnit, false], [otherUnit, false]].sort());
    // Same town, category and (nearly) time throughout: 0.05 + 0.05 + 0.1; the same unit adds 0.1.
    const score = (id: string) => found.find((f: any) => f.complaint.id === id);
    expect(score(first).textSimilarity).toBeCloseTo(similarity, 3);
    expect(score(first).score).toBeCloseTo(0.55 * similarity + 0.2 + 0.1, 2);
    expect(score(otherUnit)).toMatchObject({ textSimilarity: 1 });
    expect(score(otherUnit).score).toBeCloseTo(0.55 + 0.2, 2);
  });

  it('merges a duplicate: closed as merged, both timelines kept, counted once, an event out', async () => {
    const into = await receive(ORIGINAL, { category: 'ARBITRARY_CHARGES' });
    const duplicate = await receive(REPEAT, { category: 'ARBITRARY_CHARGES' });
    expect((await flags(duplicate)).map((f: any) => f.complaint.id)).toContain(into);
    await ok(hotline, ACT, { input: { id: duplicate, action: 'DISPATCH', expectedVersion: 1, unitId: UNIT } });
    const before = await stats();

    // Stale versions, a closed complaint, itself, and a unit handler: refused, nothing changes.
    for (const [caller, input, code] of [
      [hotline, { duplicateId: duplicate, intoId: into, expectedDuplicateVersion: 1, expectedIntoVersion: 1 }, 'CONFLICT'],
      [hotline, { duplicateId: duplicate, intoId: into, expectedDuplicateVersion: 2, expectedIntoVersion: 0 }, 'CONFLICT'],
      [hotline, { duplicateId: duplicate, intoId: duplicate, expectedDuplicateVersion: 2, expectedIntoVersion: 2 }, 'BAD_USER_INPUT'],
      [handler, { duplicateId: duplicate, intoId: into, expectedDuplicateVersion: 2, expectedIntoVersion: 1 }, 'FORBIDDEN'],
    ] as const) {
      const result = await call(caller, MERGE, { input });
      expect(result.errors?.[0].extensions?.code, JSON.stringify(result)).toBe(code);
    }
    expect(await stats()).toEqual(before);
    expect((await detail(duplicate)).version).toBe(2);

    const merged = (await ok(hotline, MERGE, { input: { duplicateId: duplicate, intoId: into, expectedDuplicateVersion: 2, expectedIntoVersion: 1, reason: '同一事项重复来电' } })).mergeComplaint;
    expect(merged).toMatchObject({ id: into, version: 2, dispatchStatus: 'AWAITING_DISPATCH' });

    const survivor = await detail(into);
    expect(survivor.timeline.map((e: any) => [e.action, e.fromStatus, e.toStatus, e.note])).toEqual([
      ['RECEIVE', null, 'AWAITING_DISPATCH', null],
      ['MERGE_IN', 'AWAITING_DISPATCH', 'AWAITING_DISPATCH', '同一事项重复来电'],
    ]);
    expect(survivor.mergedComplaints).toHaveLength(1);
    expect(survivor.mergedComplaints[0]).toMatchObject({ id: duplicate, dispatchStatus: 'CLOSED' });
    expect(survivor.mergedComplaints[0].timeline.map((e: any) => `${e.action}:${e.fromStatus}>${e.toStatus}`)).toEqual([
      'RECEIVE:null>AWAITING_DISPATCH',
      'DISPATCH:AWAITING_DISPATCH>DISPATCHED',
      'MERGE:DISPATCHED>CLOSED',
    ]);
    const gone = await detail(duplicate);
    expect(gone).toMatchObject({ dispatchStatus: 'CLOSED', version: 3, mergedInto: { id: into } });
    expect(await flags(duplicate)).toEqual([]);

    // Counted once: the duplicate leaves every figure, closed included, and shows under merged.
    const after = await stats();
    const count = (s: any, status: string) => s.byDispatchStatus.find((e: any) => e.status === status).count;
    expect(after.total).toBe(before.total - 1);
    expect(count(after, 'DISPATCHED')).toBe(count(before, 'DISPATCHED') - 1);
    expect(count(after, 'CLOSED')).toBe(count(before, 'CLOSED'));
    expect(after.rates.closed).toBe(before.rates.closed);
    expect(after.merged).toBe(before.merged + 1);
    const all = await rows();
    const mergedIds = new Set((await subgraph.dataSource.getRepository(ComplaintMerge).find()).map((m) => m.duplicateId));
    const counted = all.filter((c) => !mergedIds.has(c.id));
    expect(after.total).toBe(counted.length);
    expect(count(after, 'CLOSED')).toBe(counted.filter((c) => c.dispatchStatus === DispatchStatus.CLOSED).length);
    expect(after.byCategory.find((e: any) => e.category === 'ARBITRARY_CHARGES').count).toBe(counted.filter((c) => c.category === 'ARBITRARY_CHARGES').length);

    const event = await eventually(() => events.find((e) => e.topic === 'complaint.merged' && e.payload.id === duplicate));
    expect(event.payload).toEqual({ id: duplicate, title: REPEAT.title, status: 'CLOSED', unitId: UNIT, unitIds: [UNIT], mergedIntoId: into });

    const again = await call(hotline, MERGE, { input: { duplicateId: duplicate, intoId: into, expectedDuplicateVersion: 3, expectedIntoVersion: 2 } });
    expect(again.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('lets exactly one of two concurrent merges win', async () => {
    const duplicate = await receive(REPEAT);
    const a = await receive(ORIGINAL);
    const b = await receive(ORIGINAL);
    const results = await Promise.all(
      [
        [hotline, a],
        [hotline2, b],
      ].map(([caller, into]) => call(caller as Caller, MERGE, { input: { duplicateId: duplicate, intoId: into, expectedDuplicateVersion: 1, expectedIntoVersion: 1 } })),
    );
    expect(results.filter((r) => r.data?.mergeComplaint).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT').length).toBe(1);
    expect(await subgraph.dataSource.getRepository(ComplaintMerge).countBy({ duplicateId: duplicate })).toBe(1);
    const timeline = (await detail(duplicate)).timeline.map((e: any) => e.action);
    expect(timeline).toEqual(['RECEIVE', 'MERGE']);
  });

  it('clears a flag on dismissal and records it; a second dismissal is refused', async () => {
    await receive(ORIGINAL, { regionCode: '990102002' });
    const flagged = await receive(REPEAT, { regionCode: '990102002' });
    const candidates = (await flags(flagged)).map((f: any) => f.complaint.id);
    expect(candidates.length).toBeGreaterThan(0);
    const forbidden = await call(handler, DISMISS, { input: { id: flagged } });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await ok(hotline, DISMISS, { input: { id: flagged, candidateId: candidates[0], reason: '核实为不同企业' } });
    expect((await flags(flagged)).map((f: any) => f.complaint.id)).toEqual(candidates.slice(1));
    await ok(hotline, DISMISS, { input: { id: flagged } });
    expect(await flags(flagged)).toEqual([]);
    const again = await call(hotline, DISMISS, { input: { id: flagged } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const timeline = (await detail(flagged)).timeline;
    expect(timeline.map((e: any) => [e.action, e.note])).toEqual([
      ['RECEIVE', null],
      ['NOT_DUPLICATE', '核实为不同企业'],
      ['NOT_DUPLICATE', null],
    ]);
    expect((await detail(flagged)).version).toBe(1);
  });
});
