import type { Caller } from '@bizenv/common/auth';
import type { DomainEvent } from '@bizenv/common/event-bus';
import { OutboxEvent } from '@bizenv/common/outbox-event.entity';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { allPages, callSubgraph, type DatabaseTarget, databaseTargets, eventually, startTestSubgraph } from '@bizenv/common/testing';
import { readSheet, SpreadsheetFormat } from '@bizenv/common/spreadsheet';
import { IsNull } from 'typeorm';
import { LEDGER_COLUMNS } from '../src/ledger/ledger-sheet.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemTimelineEntry } from '../src/ledger/problem-timeline-entry.entity.js';
import { Problem } from '../src/ledger/problem.entity.js';
import { SelfInspectionReport } from '../src/ledger/self-inspection-report.entity.js';
import { tasksSubgraph } from '../src/subgraph.js';
import { adminOfA, citySupervisor, handlerA, handlerB, insertCampaign, linjiangLeader, otherSupervisor, PERSON_A, UNIT_A, UNIT_B, UNIT_C } from './oversight-fixtures.js';

const SUBMIT = `mutation($input: SubmitSelfInspectionReportInput!) {
  submitSelfInspectionReport(input: $input) {
    id title submittedByName unit { id } region { code }
    problems { id title cause measures status timeLimit light overdue version responsibleUnit { id } responsiblePerson { id } source }
  }
}`;
const REGISTER = `mutation($input: RegisterProblemInput!) { registerProblem(input: $input) { id status version light overdue timeLimit } }`;
const ACT = `mutation($input: ActOnProblemInput!) { actOnProblem(input: $input) { id status version signOffRequestedAt closedAt } }`;
const PROBLEM = `query($id: ID!) { problem(id: $id) {
  id status version signOffRequestedAt closedAt report { id }
  timeline { action fromStatus toStatus actorId actorName reason evidence evidenceFileRef at }
} }`;
const LEDGER = `query($filter: RectificationLedgerFilter, $first: Int, $after: String) {
  rectificationLedger(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id status light responsibleUnit { id } region { code } } }
  }
}`;
const STATS = `query($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) {
  ... on Region { taskStats { total problemsOpen problemsClosed problemsOverdue } } } }`;
const UNIT_STATS = `query($id: ID!, $code: ID) { _entities(representations: [{ __typename: "Unit", id: $id }]) {
  ... on Unit { problemStats(regionCode: $code) { open closed awaitingSignOff overdue red yellow green } } } }`;
const UNIT_TASK_STATS = `query($id: ID!) { _entities(representations: [{ __typename: "Unit", id: $id }]) { ... on Unit { taskStats { total problemsOpen } } } }`;

describe.each(await databaseTargets())('一报告四清单 and 销号 on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;
  let campaignId: string;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(tasksSubgraph(), target, events, false);
    campaignId = await insertCampaign(subgraph.dataSource);
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
  const codeOf = async (caller: Caller, query: string, variables: Record<string, unknown> = {}) => (await call(caller, query, variables)).errors?.[0].extensions;
  const report = (overrides: Record<string, unknown> = {}, problems: Record<string, unknown>[] = [problemInput(), problemInput({ title: '审批材料重复提交', timeLimit: '2099-09-30' })]) => ({
    campaignId,
    unitId: UNIT_A,
    regionCode: '990102',
    title: 'A单位营商环境自查报告',
    content: '对照整治内容逐项查摆，共查找问题2个。',
    problems,
    ...overrides,
  });
  const problemInput = (overrides: Record<string, unknown> = {}) => ({
    title: '窗口一次性告知不到位',
    cause: '首问负责制落实不严',
    measures: '编制办事指南，开展窗口人员培训',
    responsiblePersonId: PERSON_A,
    timeLimit: '2099-08-31',
    ...overrides,
  });
  const register = (overrides: Record<string, unknown> = {}) => ({
    source: 'UNDERCOVER_INSPECTION',
    sourceRef: '暗访〔2026〕5号',
    regionCode: '990102001',
    responsibleUnitId: UNIT_A,
    title: '窗口工作人员脱岗',
    timeLimit: '2099-07-31',
    ...overrides,
  });
  const stats = async (code: string, caller: Caller = citySupervisor) => (await ok(caller, STATS, { code }))._entities[0].taskStats;
  const stored = async () => ({
    reports: await subgraph.dataSource.getRepository(SelfInspectionReport).count(),
    problems: await subgraph.dataSource.getRepository(Problem).count(),
    steps: await subgraph.dataSource.getRepository(ProblemTimelineEntry).count(),
    events: await subgraph.dataSource.getRepository(OutboxEvent).count(),
  });
  const act = (caller: Caller, input: Record<string, unknown>) => call(caller, ACT, { input });

  it('takes a unit’s self-inspection report with its four lists and counts its problems in its district and city only', async () => {
    const before = await Promise.all(['990102', '990100', '990103'].map((code) => stats(code)));
    const { submitSelfInspectionReport: submitted } = await ok(handlerA, SUBMIT, { input: report() });
    expect(submitted).toMatchObject({ title: 'A单位营商环境自查报告', submittedByName: 'A单位承办人', unit: { id: UNIT_A }, region: { code: '990102' } });
    expect(submitted.problems).toHaveLength(2);
    expect(submitted.problems[0]).toMatchObject({
      title: '窗口一次性告知不到位',
      cause: '首问负责制落实不严',
      measures: '编制办事指南，开展窗口人员培训',
      status: 'RECTIFYING',
      timeLimit: '2099-08-31T15:59:59.999Z',
      light: 'GREEN',
      overdue: false,
      version: 1,
      source: 'SELF_INSPECTION',
      responsibleUnit: { id: UNIT_A },
      responsiblePerson: { id: PERSON_A },
    });
    const after = await Promise.all(['990102', '990100', '990103'].map((code) => stats(code)));
    expect(after[0].problemsOpen).toBe(before[0].problemsOpen + 2);
    expect(after[1].problemsOpen).toBe(before[1].problemsOpen + 2);
    expect(after[2]).toEqual(before[2]);
    const { problem } = await ok(handlerA, PROBLEM, { id: submitted.problems[0].id });
    expect(problem.report).toEqual({ id: submitted.id });
    expect(problem.timeline).toMatchObject([{ action: 'REGISTER', fromStatus: null, toStatus: 'RECTIFYING', actorId: 'handler-a' }]);
    await eventually(() => events.some((e) => e.topic === 'report.submitted' && e.payload.id === submitted.id));
  });

  it('stores nothing when any part of a report or a registration is bad, and names the field', async () => {
    await eventually(async () => (await subgraph.dataSource.getRepository(OutboxEvent).countBy({ publishedAt: IsNull() })) === 0);
    const before = await stored();
    const cases: [Caller, string, Record<string, unknown>, string, string?][] = [
      [handlerA, SUBMIT, report({}, [problemInput(), problemInput({ timeLimit: '2099-02-30' })]), 'BAD_USER_INPUT', 'problems[1].timeLimit'],
      [handlerA, SUBMIT, report({}, [problemInput({ cause: '   ' })]), 'BAD_USER_INPUT', 'problems[0].cause'],
      [handlerA, SUBMIT, report({}, [problemInput({ responsiblePersonId: '张三' })]), 'BAD_USER_INPUT', 'problems[0].responsiblePersonId'],
      [handlerA, SUBMIT, report({ title: '' }), 'BAD_USER_INPUT', 'title'],
      [handlerA, SUBMIT, report({ campaignId: '00000000-0000-4000-8000-000000000000' }), 'BAD_USER_INPUT', 'campaignId'],
      [handlerA, SUBMIT, report({ regionCode: '990201' }), 'FORBIDDEN'],
      [handlerA, SUBMIT, report({ unitId: UNIT_B }), 'FORBIDDEN'],
      [linjiangLeader, SUBMIT, report(), 'FORBIDDEN'],
      [citySupervisor, REGISTER, register({ source: 'SELF_INSPECTION' }), 'BAD_USER_INPUT', 'source'],
      [citySupervisor, REGISTER, register({ timeLimit: '2100-01-01' }), 'BAD_USER_INPUT', 'timeLimit'],
      [citySupervisor, REGISTER, register({ responsibleUnitId: 'A单位' }), 'BAD_USER_INPUT', 'responsibleUnitId'],
      [citySupervisor, REGISTER, register({ sourceRef: '号'.repeat(101) }), 'BAD_USER_INPUT', 'sourceRef'],
      [handlerA, REGISTER, register(), 'FORBIDDEN'],
    ];
    for (const [caller, query, input, code, field] of cases) {
      const result = await call(caller, query, { input });
      expect(result.errors?.[0].extensions, JSON.stringify(input)).toMatchObject(field ? { code, field } : { code });
      expect(result.data).toBeNull();
    }
    expect(await stored()).toEqual(before);
  });

  it('signs a problem off only after verification: a rejected request goes back, a second one is approved, all in the timeline', async () => {
    const { registerProblem: problem } = await ok(citySupervisor, REGISTER, { input: register() });
    expect(problem).toMatchObject({ status: 'RECTIFYING', version: 1 });
    // Only the responsible unit asks, with evidence; a supervisor cannot approve what was not asked.
    expect(await codeOf(handlerB, ACT, { input: { id: problem.id, action: 'REQUEST_SIGN_OFF', expectedVersion: 1, evidence: '已整改' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await codeOf(handlerA, ACT, { input: { id: problem.id, action: 'REQUEST_SIGN_OFF', expectedVersion: 1 } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evidence' });
    expect(await codeOf(citySupervisor, ACT, { input: { id: problem.id, action: 'APPROVE_SIGN_OFF', expectedVersion: 1 } })).toMatchObject({ code: 'INVALID_TRANSITION' });

    const first = await act(handlerA, { id: problem.id, action: 'REQUEST_SIGN_OFF', expectedVersion: 1, evidence: '已建立AB岗制度', evidenceFileRef: '整改材料〔2026〕1号' });
    expect(first.data.actOnProblem).toMatchObject({ status: 'AWAITING_SIGN_OFF', version: 2, closedAt: null });
    expect(first.data.actOnProblem.signOffRequestedAt).not.toBeNull();
    expect(await codeOf(citySupervisor, ACT, { input: { id: problem.id, action: 'REJECT_SIGN_OFF', expectedVersion: 2 } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const rejected = await act(citySupervisor, { id: problem.id, action: 'REJECT_SIGN_OFF', expectedVersion: 2, reason: '佐证材料不足，缺少排班表' });
    expect(rejected.data.actOnProblem).toMatchObject({ status: 'RECTIFYING', version: 3, signOffRequestedAt: null, closedAt: null });

    await act(handlerA, { id: problem.id, action: 'REQUEST_SIGN_OFF', expectedVersion: 3, evidence: '补充排班表和考勤记录' });
    const approved = await act(otherSupervisor, { id: problem.id, action: 'APPROVE_SIGN_OFF', expectedVersion: 4, reason: '经现场核实，同意销号' });
    expect(approved.data.actOnProblem).toMatchObject({ status: 'SIGNED_OFF', version: 5 });
    expect(approved.data.actOnProblem.closedAt).not.toBeNull();
    expect(await codeOf(handlerA, ACT, { input: { id: problem.id, action: 'REQUEST_SIGN_OFF', expectedVersion: 5, evidence: '再次申请' } })).toMatchObject({ code: 'INVALID_TRANSITION' });

    const { problem: read } = await ok(citySupervisor, PROBLEM, { id: problem.id });
    expect(read.timeline.map((s: any) => [s.action, s.fromStatus, s.toStatus, s.actorId, s.reason, s.evidence, s.evidenceFileRef])).toEqual([
      ['REGISTER', null, 'RECTIFYING', 'sup-1', null, null, null],
      ['REQUEST_SIGN_OFF', 'RECTIFYING', 'AWAITING_SIGN_OFF', 'handler-a', null, '已建立AB岗制度', '整改材料〔2026〕1号'],
      ['REJECT_SIGN_OFF', 'AWAITING_SIGN_OFF', 'RECTIFYING', 'sup-1', '佐证材料不足，缺少排班表', null, null],
      ['REQUEST_SIGN_OFF', 'RECTIFYING', 'AWAITING_SIGN_OFF', 'handler-a', null, '补充排班表和考勤记录', null],
      ['APPROVE_SIGN_OFF', 'AWAITING_SIGN_OFF', 'SIGNED_OFF', 'sup-2', '经现场核实，同意销号', null, null],
    ]);
    const times = read.timeline.map((s: any) => Date.parse(s.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(Date.parse(read.closedAt)).toBe(times[4]);
    // The approved request's time is kept: it decides whether the rectification was on time.
    expect(Date.parse(read.signOffRequestedAt)).toBe(times[3]);
    const topics = ['problem.registered', 'problem.request_sign_off', 'problem.reject_sign_off', 'problem.request_sign_off', 'problem.approve_sign_off'];
    await eventually(() => events.filter((e) => e.payload.id === problem.id).length === topics.length);
    const published = events.filter((e) => e.payload.id === problem.id);
    expect(published.map((e) => e.topic)).toEqual(topics);
    // Events reach every screen: never the evidence or a reason.
    expect(JSON.stringify(published)).not.toMatch(/排班表|佐证|核实/);
  });

  it('does not let whoever asked for the sign-off approve it', async () => {
    const { registerProblem: problem } = await ok(citySupervisor, REGISTER, { input: register() });
    await act(adminOfA, { id: problem.id, action: 'REQUEST_SIGN_OFF', expectedVersion: 1, evidence: '已整改' });
    expect(await codeOf(adminOfA, ACT, { input: { id: problem.id, action: 'APPROVE_SIGN_OFF', expectedVersion: 2 } })).toMatchObject({ code: 'FORBIDDEN' });
    expect((await act(citySupervisor, { id: problem.id, action: 'APPROVE_SIGN_OFF', expectedVersion: 2 })).data.actOnProblem.status).toBe('SIGNED_OFF');
  });

  it('lets exactly one of two concurrent decisions win; the other and any stale version get CONFLICT', async () => {
    const { registerProblem: problem } = await ok(citySupervisor, REGISTER, { input: register() });
    await act(handlerA, { id: problem.id, action: 'REQUEST_SIGN_OFF', expectedVersion: 1, evidence: '已整改' });
    const results = await Promise.all([
      act(citySupervisor, { id: problem.id, action: 'APPROVE_SIGN_OFF', expectedVersion: 2 }),
      act(otherSupervisor, { id: problem.id, action: 'REJECT_SIGN_OFF', expectedVersion: 2, reason: '不同意' }),
    ]);
    expect(results.filter((r) => r.data?.actOnProblem)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code)).toEqual(['CONFLICT']);
    expect(await codeOf(handlerA, ACT, { input: { id: problem.id, action: 'REQUEST_SIGN_OFF', expectedVersion: 1, evidence: '旧版本' } })).toMatchObject({ code: 'CONFLICT' });
    const { problem: read } = await ok(citySupervisor, PROBLEM, { id: problem.id });
    expect(read.version).toBe(3);
    expect(read.timeline).toHaveLength(3);
  });

  it('shows a problem past its time limit red and overdue, and filters the ledger by light', async () => {
    const before = await stats('990102');
    const { registerProblem: late } = await ok(citySupervisor, REGISTER, { input: register({ timeLimit: '2025-06-30', responsibleUnitId: UNIT_B }) });
    expect(late).toMatchObject({ light: 'RED', overdue: true });
    expect((await stats('990102')).problemsOverdue).toBe(before.problemsOverdue + 1);
    const red = await allPages<any>(async (after) => (await ok(citySupervisor, LEDGER, { filter: { regionCode: '990102', light: 'RED' }, first: 2, after })).rectificationLedger);
    expect(red.nodes.map((n) => n.id)).toContain(late.id);
    expect(red.nodes.every((n) => n.light === 'RED')).toBe(true);
    const green = await allPages<any>(async (after) => (await ok(citySupervisor, LEDGER, { filter: { regionCode: '990102', light: 'GREEN' }, first: 2, after })).rectificationLedger);
    expect(green.nodes.map((n) => n.id)).not.toContain(late.id);
    expect(green.totalCount).toBeGreaterThan(0);
    const unitB = (await ok(citySupervisor, UNIT_STATS, { id: UNIT_B, code: '990102' }))._entities[0].problemStats;
    expect(unitB).toMatchObject({ red: 1, overdue: 1, open: 1 });
  });

  it('keeps a unit operator to their own unit’s problems and a district leader to their district', async () => {
    const { registerProblem: elsewhere } = await ok(citySupervisor, REGISTER, { input: register({ regionCode: '990103001', responsibleUnitId: UNIT_C }) });
    const all = await subgraph.dataSource.getRepository(Problem).find();
    const own = await allPages<any>(async (after) => (await ok(handlerA, LEDGER, { filter: null, first: 3, after })).rectificationLedger);
    expect(own.nodes.map((n) => n.id).sort()).toEqual(all.filter((p) => p.responsibleUnitId === UNIT_A && p.regionCode.startsWith('990102')).map((p) => p.id).sort());
    // Asking for another unit's problems gives none of them, never more than their own.
    const asked = await ok(handlerA, LEDGER, { filter: { unitId: UNIT_B }, first: 100 });
    expect(asked.rectificationLedger.totalCount).toBe(0);
    const ofB = all.find((p) => p.responsibleUnitId === UNIT_B)!;
    expect(await codeOf(handlerA, PROBLEM, { id: ofB.id })).toMatchObject({ code: 'FORBIDDEN' });
    // Nor another unit's counts (its row of the ranking), while their own unit's are given.
    expect(await codeOf(handlerA, UNIT_STATS, { id: UNIT_B })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await codeOf(handlerA, UNIT_TASK_STATS, { id: UNIT_B })).toMatchObject({ code: 'FORBIDDEN' });
    expect((await ok(handlerA, UNIT_STATS, { id: UNIT_A }))._entities[0].problemStats.open).toBe(own.nodes.filter((n) => n.status !== 'SIGNED_OFF').length);
    expect((await ok(handlerA, UNIT_TASK_STATS, { id: UNIT_A }))._entities[0].taskStats).toMatchObject({ problemsOpen: expect.any(Number) });

    const district = await allPages<any>(async (after) => (await ok(linjiangLeader, LEDGER, { filter: null, first: 5, after })).rectificationLedger);
    expect(district.nodes.map((n) => n.id).sort()).toEqual(all.filter((p) => p.regionCode.startsWith('990102')).map((p) => p.id).sort());
    expect(await codeOf(linjiangLeader, LEDGER, { filter: { regionCode: '990103' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await codeOf(linjiangLeader, PROBLEM, { id: elsewhere.id })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await codeOf(linjiangLeader, STATS, { code: '990103' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await codeOf(linjiangLeader, UNIT_STATS, { id: UNIT_C, code: '990103' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await codeOf(handlerA, LEDGER, { filter: { regionCode: '99010200' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCode' });
    expect(await codeOf(linjiangLeader, UNIT_STATS, { id: UNIT_A, code: '9901020000' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    // The district's statistics are those of its rows.
    const inDistrict = all.filter((p) => p.regionCode.startsWith('990102'));
    expect(await stats('990102', linjiangLeader)).toMatchObject({
      problemsOpen: inDistrict.filter((p) => p.status !== 'SIGNED_OFF').length,
      problemsClosed: inDistrict.filter((p) => p.status === 'SIGNED_OFF').length,
      problemsOverdue: inDistrict.filter((p) => p.status !== 'SIGNED_OFF' && p.timeLimit < new Date()).length,
    });
  });

  it('exports the ledger as the caller sees it, in its order, with unit names where given', async () => {
    const EXPORT = `query($filter: RectificationLedgerFilter, $units: [UnitNameInput!]) {
      exportRectificationLedger(filter: $filter, units: $units) { fileName contentType contentBase64 rowCount } }`;
    const listed = await allPages<any>(async (after) => (await ok(handlerA, LEDGER, { filter: null, first: 50, after })).rectificationLedger);
    const { exportRectificationLedger: file } = await ok(handlerA, EXPORT, { filter: null, units: [{ id: UNIT_A, name: 'A单位' }] });
    expect(file.fileName).toMatch(/^整改台账-\d{8}-\d{4}\.xlsx$/);
    expect(file.rowCount).toBe(listed.totalCount);
    const rows = await readSheet(Buffer.from(file.contentBase64, 'base64'), SpreadsheetFormat.XLSX, LEDGER_COLUMNS, 1000);
    expect(rows.map((r) => r.values.id)).toEqual(listed.nodes.map((n) => n.id));
    expect(new Set(rows.map((r) => r.values.responsibleUnit))).toEqual(new Set(['A单位']));
    const signedOff = rows.find((r) => r.values.status === '已销号')!;
    expect(signedOff.values).toMatchObject({ light: '', source: '明察暗访', timeLimit: '2099-07-31' });
    expect(rows.find((r) => r.values.status === '整改中')!.values.light).toBe('绿灯');
    // Another unit's operator exports none of A's rows.
    const { exportRectificationLedger: other } = await ok(handlerB, EXPORT, {});
    const otherRows = await readSheet(Buffer.from(other.contentBase64, 'base64'), SpreadsheetFormat.XLSX, LEDGER_COLUMNS, 1000);
    expect(otherRows.every((r) => r.values.responsibleUnit === UNIT_B)).toBe(true);
    expect(otherRows.length).toBe(other.rowCount);
  });
});
