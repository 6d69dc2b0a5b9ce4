import { Role, type Caller } from '@bizenv/common/auth';
import { clockOffsetMs, now, setClockOffset } from '@bizenv/common/clock';
import type { DomainEvent } from '@bizenv/common/event-bus';
import { isWithin } from '@bizenv/common/region-code';
import { stableId } from '@bizenv/common/stable-id';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, eventually, startTestSubgraph } from '@bizenv/common/testing';
import { shanghaiDate } from '@bizenv/common/working-days';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgressReport } from '../src/report/progress-report.entity.js';
import { periodContaining, periodsOverlapping, ReportCadence } from '../src/report/report-period.js';
import { tasksSubgraph } from '../src/subgraph.js';
import { TaskStatus } from '../src/task/task-status.js';
import { SupervisedTaskUnit, UnitRole } from '../src/task/task-unit.entity.js';
import { SupervisedTask } from '../src/task/task.entity.js';

const DAY_MS = 86_400_000;
const unit = (key: string) => stableId(key);
const GOV_DATA = unit('990102-gov-data');
const MARKET = unit('990102-market');
const TAX = unit('city-tax');

const citySupervisor: Caller = { id: 'sup-1', name: '市督查员', roles: [Role.SUPERVISOR], regionCode: '990100' };
const linjiangLeader: Caller = { id: 'leader-1', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };
const marketHandler: Caller = { id: 'h-market', name: '市场监管局联络员', roles: [Role.UNIT_HANDLER], regionCode: '990102', unitId: MARKET };
const govDataHandler: Caller = { id: 'h-gov', name: '政数局联络员', roles: [Role.UNIT_HANDLER], regionCode: '990102', unitId: GOV_DATA };

const TASK_FIELDS = `id number deadline deadlineRule deadlineText status version light behindTarget overdue
  target { baseline value unit direction text latest expectedNow } actuals { measuredOn value reporterName }`;
const CREATE = `mutation($input: CreateSupervisedTaskInput!) { createSupervisedTask(input: $input) { ${TASK_FIELDS} } }`;
const ACTUAL = `mutation($input: ReportTaskActualInput!) { reportTaskActual(input: $input) { ${TASK_FIELDS} } }`;
const GET = `query($id: ID!) { supervisedTask(id: $id) { ${TASK_FIELDS} progressReports { id unit { id } period periodLabel dueAt submittedAt missing late } } }`;
const SUBMIT = `mutation($input: SubmitProgressReportInput!) { submitProgressReport(input: $input) { id unit { id } period submittedAt content submitterName task { id } } }`;
const REPORTS = `query($filter: ProgressReportFilter, $after: String) { progressReports(filter: $filter, first: 100, after: $after) { totalCount edges { node { id unit { id } missing } } } }`;
const LIST = `query($filter: SupervisedTaskFilter) { supervisedTasks(filter: $filter, first: 100) { totalCount edges { node { id } } } }`;
const CAMPAIGN = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`;
const STATS_FIELDS = 'total open overdue red yellow green behindTarget reportsMissing';
const REGION_STATS = `query($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { taskStats { ${STATS_FIELDS} } } } }`;
const UNIT_STATS = `query($id: ID!, $region: ID) { _entities(representations: [{ __typename: "Unit", id: $id }]) { ... on Unit { taskStats(regionCode: $region) { ${STATS_FIELDS} } } } }`;

const day = (offset: number) => shanghaiDate(new Date(now().getTime() + offset * DAY_MS));

describe.each(await databaseTargets())('task deadlines, targets and progress reports on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;
  const events: DomainEvent[] = [];
  let campaignId: string;
  let taskA: string;
  let taskB: string;

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(tasksSubgraph(), target, events, false);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const call = (caller: Caller, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  const ok = async (caller: Caller, query: string, variables: Record<string, unknown>) => {
    const result = await call(caller, query, variables);
    expect(result.errors, JSON.stringify(variables)).toBeUndefined();
    return result.data;
  };
  const task = (overrides: Record<string, unknown> = {}) => ({
    number: 1,
    title: '简化企业报税程序',
    leadUnitIds: [GOV_DATA],
    regionCode: '990102001',
    deadline: day(100),
    ...overrides,
  });
  const createTask = async (overrides: Record<string, unknown> = {}, caller = citySupervisor) => (await ok(caller, CREATE, { input: task(overrides) })).createSupervisedTask;
  const regionStats = async (code: string, caller: Caller = citySupervisor) => (await ok(caller, REGION_STATS, { code }))._entities[0].taskStats;

  /** Statistics counted from the rows themselves, at `at`. */
  const countRows = async (keep: (task: SupervisedTask, units: SupervisedTaskUnit[]) => boolean, reportKeep: (report: ProgressReport) => boolean, at: number) => {
    const tasks = await subgraph.dataSource.getRepository(SupervisedTask).find();
    const units = await subgraph.dataSource.getRepository(SupervisedTaskUnit).find();
    const rows = tasks.filter((t) => keep(t, units.filter((u) => u.taskId === t.id)));
    const open = rows.filter((t) => t.status === TaskStatus.IN_PROGRESS);
    const red = open.filter((t) => t.deadline.getTime() < at);
    const yellow = open.filter((t) => t.deadline.getTime() >= at && t.warnAt && t.warnAt.getTime() <= at);
    const reports = (await subgraph.dataSource.getRepository(ProgressReport).find()).filter((r) => reportKeep(r) && !r.submittedAt && r.dueAt.getTime() < at);
    return {
      total: rows.length,
      open: open.length,
      overdue: red.length,
      red: red.length,
      yellow: yellow.length,
      green: open.length - red.length - yellow.length,
      behindTarget: open.filter((t) => t.behindAt && t.behindAt.getTime() <= at).length,
      reportsMissing: reports.length,
    };
  };

  it('takes a deadline as a date or as the end of a month, quarter or year, and keeps the rule', async () => {
    for (const [rule, deadline, instant, text] of [
      ['END_OF_MONTH', '2027-02', '2027-02-28T15:59:59.999Z', '2027年2月底前'],
      ['END_OF_MONTH', '2028-02-10', '2028-02-29T15:59:59.999Z', '2028年2月底前'],
      ['END_OF_QUARTER', '2027-Q3', '2027-09-30T15:59:59.999Z', '2027年第三季度末前'],
      ['END_OF_QUARTER', '2027-11-30T20:00:00Z', '2027-12-31T15:59:59.999Z', '2027年第四季度末前'],
      ['END_OF_YEAR', '2027', '2027-12-31T15:59:59.999Z', '2027年底前'],
      ['DATE', '2027-06-30', '2027-06-30T15:59:59.999Z', '2027年6月30日前'],
    ] as const) {
      const made = await createTask({ deadlineRule: rule, deadline });
      expect([made.deadlineRule, made.deadline, made.deadlineText], `${rule} ${deadline}`).toEqual([rule, instant, text]);
      expect((await ok(citySupervisor, GET, { id: made.id })).supervisedTask.deadline).toBe(instant);
    }
    for (const [rule, deadline] of [
      ['END_OF_QUARTER', '2027-Q5'],
      ['END_OF_MONTH', '2027'],
      ['END_OF_YEAR', '2027-13'],
      ['DATE', '2027-Q1'],
    ] as const) {
      expect((await call(citySupervisor, CREATE, { input: task({ deadlineRule: rule, deadline }) })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deadline' });
    }
  });

  it('computes "behind target" from reported actuals against the straight line from baseline to target', async () => {
    // "网上办税比例由56%提升到70%以上" over 201 days, a hundred of them gone: the pace stands near 63%.
    const made = await createTask({
      number: 2,
      leadUnitIds: [GOV_DATA],
      responsibleUnitIds: [MARKET],
      startsOn: day(-100),
      target: { baseline: 56, value: 70, unit: '%', direction: 'UP', text: '网上办税比例由56%提升到70%以上' },
    });
    expect(made).toMatchObject({ light: 'GREEN', behindTarget: false, target: { baseline: 56, value: 70, latest: null } });
    expect(made.target.expectedNow).toBeGreaterThan(62.5);
    expect(made.target.expectedNow).toBeLessThan(63.5);
    const before = await regionStats('990102');

    // 60% is short of the line: behind, yellow, counted, announced.
    const behind = (await ok(govDataHandler, ACTUAL, { input: { taskId: made.id, value: 60, note: '10月统计' } })).reportTaskActual;
    expect(behind).toMatchObject({ behindTarget: true, light: 'YELLOW', target: { latest: 60 }, actuals: [{ value: 60, reporterName: '政数局联络员', measuredOn: day(0) }] });
    expect(await regionStats('990102')).toMatchObject({ behindTarget: before.behindTarget + 1, yellow: before.yellow + 1, green: before.green - 1 });
    await eventually(() => events.some((e) => e.topic === 'task.actual' && e.payload.id === made.id));

    // 66% is ahead of it; an older reading does not replace the latest one.
    expect((await ok(citySupervisor, ACTUAL, { input: { taskId: made.id, value: 66 } })).reportTaskActual).toMatchObject({ behindTarget: false, light: 'GREEN', target: { latest: 66 } });
    const older = (await ok(citySupervisor, ACTUAL, { input: { taskId: made.id, value: 50, measuredOn: day(-30) } })).reportTaskActual;
    expect(older).toMatchObject({ behindTarget: false, target: { latest: 66 } });
    expect(older.actuals.map((a: { value: number }) => a.value)).toEqual([66, 60, 50]);
    expect(await regionStats('990102')).toEqual(before);

    // A co-responsible unit does not report the lead unit's figures; bad readings are refused.
    expect((await call(marketHandler, ACTUAL, { input: { taskId: made.id, value: 70 } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await call(govDataHandler, ACTUAL, { input: { taskId: made.id, value: 70, measuredOn: day(1) } })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'measuredOn' });
    const plain = await createTask({ number: 3 });
    expect((await call(citySupervisor, ACTUAL, { input: { taskId: plain.id, value: 1 } })).errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    for (const [bad, field] of [
      [{ baseline: 70, value: 56, unit: '%', direction: 'UP' }, 'target.value'],
      [{ baseline: 24, value: 49, unit: '个', direction: 'DOWN' }, 'target.value'],
      [{ value: 3, unit: ' ', direction: 'DOWN' }, 'target.unit'],
    ] as const) {
      expect((await call(citySupervisor, CREATE, { input: task({ number: 4, target: bad }) })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // "3个工作日内": no baseline, so no line; a reading over 3 days is behind, one within it is not.
    const withinDays = await createTask({ number: 5, target: { value: 3, unit: '工作日', direction: 'DOWN', text: '3个工作日内完成开办' } });
    expect((await ok(citySupervisor, ACTUAL, { input: { taskId: withinDays.id, value: 4 } })).reportTaskActual).toMatchObject({ behindTarget: true, target: { expectedNow: null } });
    expect((await ok(citySupervisor, ACTUAL, { input: { taskId: withinDays.id, value: 3 } })).reportTaskActual.behindTarget).toBe(false);
  });

  it('owes a progress report per lead unit and period, filed by the unit for one task or for all its tasks in the campaign', async () => {
    campaignId = (
      await ok(citySupervisor, CAMPAIGN, {
        input: {
          regionCode: '990102', title: '临江区优化营商环境行动方案', issuingBody: '临江区人民政府办公室', year: Number(day(0).slice(0, 4)),
          startsOn: day(-40), endsOn: day(80), reportCadence: 'MONTHLY', phases: [{ name: '优化提升', startsOn: day(-40), endsOn: day(80) }],
        },
      })
    ).createCampaign.id;
    taskA = (await createTask({ number: 1, campaignId, leadUnitIds: [GOV_DATA, MARKET], responsibleUnitIds: [TAX] })).id;
    taskB = (await createTask({ number: 2, campaignId, leadUnitIds: [MARKET], regionCode: '990102002' })).id;
    // From the task's start (today: the campaign began before it) to the campaign's end, for each lead unit.
    const periods = periodsOverlapping(ReportCadence.MONTHLY, day(0), day(80)).map((p) => p.key);
    const reportsOf = async (id: string, caller = citySupervisor) => (await ok(caller, GET, { id })).supervisedTask.progressReports;
    const owed = await reportsOf(taskA);
    expect(owed.map((r: { unit: { id: string }; period: string }) => `${r.unit.id}:${r.period}`).sort()).toEqual(
      periods.flatMap((p) => [`${GOV_DATA}:${p}`, `${MARKET}:${p}`]).sort(),
    );
    expect(owed.every((r: { missing: boolean; submittedAt: string | null }) => !r.missing && r.submittedAt === null)).toBe(true);
    // A unit operator sees its own unit's reports.
    expect((await reportsOf(taskA, marketHandler)).every((r: { unit: { id: string } }) => r.unit.id === MARKET)).toBe(true);

    // The market operator files this month's report for task A: its own unit's, the period now running.
    const thisMonth = periodContaining(ReportCadence.MONTHLY, day(0)).key;
    const filed = (await ok(marketHandler, SUBMIT, { input: { taskId: taskA, content: '已完成窗口改造' } })).submitProgressReport;
    expect(filed).toMatchObject([{ unit: { id: MARKET }, period: thisMonth, content: '已完成窗口改造', submitterName: '市场监管局联络员', task: { id: taskA } }]);
    await eventually(() => events.some((e) => e.topic === 'task-report.submitted' && e.payload.id === filed[0].id));
    for (const [caller, input, code] of [
      // Nothing else has begun; this month's is in.
      [marketHandler, { taskId: taskA, content: '再报' }, 'INVALID_TRANSITION'],
      [marketHandler, { taskId: taskA, period: thisMonth, content: '再报' }, 'INVALID_TRANSITION'],
      // Task B is led by the market bureau only: the data bureau cannot file for it.
      [govDataHandler, { taskId: taskB, content: '代报' }, 'FORBIDDEN'],
      [govDataHandler, { campaignId, unitId: MARKET, period: thisMonth, content: '代报' }, 'FORBIDDEN'],
      // The tax bureau only shares task A: it owes nothing.
      [citySupervisor, { taskId: taskA, unitId: TAX, content: '报' }, 'BAD_USER_INPUT'],
      [citySupervisor, { campaignId, unitId: MARKET, period: `${thisMonth.slice(0, 4)}-13`, content: '报' }, 'BAD_USER_INPUT'],
      [citySupervisor, { campaignId, unitId: MARKET, content: '报' }, 'BAD_USER_INPUT'],
    ] as const) {
      expect((await call(caller, SUBMIT, { input })).errors?.[0].extensions?.code, JSON.stringify(input)).toBe(code);
    }
    // One report for everything the unit leads in the campaign, filed early for next month.
    const nextMonth = periods[1];
    const both = (await ok(marketHandler, SUBMIT, { input: { campaignId, unitId: MARKET, period: nextMonth, content: '两项任务均按计划推进' } })).submitProgressReport;
    expect(both.map((r: { task: { id: string } }) => r.task.id).sort()).toEqual([taskA, taskB].sort());
    expect(both.every((r: { period: string; unit: { id: string } }) => r.period === nextMonth && r.unit.id === MARKET)).toBe(true);
    const stored = await subgraph.dataSource.getRepository(ProgressReport).findBy({ unitId: MARKET, period: nextMonth });
    expect(stored.map((r) => r.content)).toEqual(['两项任务均按计划推进', '两项任务均按计划推进']);
  });

  it('shows a district leader only their district and a unit operator only their unit’s tasks and reports, with counts to match', async () => {
    await createTask({ number: 9, regionCode: '990103001', leadUnitIds: [MARKET], deadline: day(-3) });
    // The test clock: the other database's run may have moved it.
    const at = now().getTime();
    const list = async (caller: Caller, filter: Record<string, unknown> | null = null) =>
      (await ok(caller, LIST, { filter })).supervisedTasks.edges.map((e: { node: { id: string } }) => e.node.id).sort();
    const ids = async (keep: (task: SupervisedTask, units: SupervisedTaskUnit[]) => boolean) => {
      const units = await subgraph.dataSource.getRepository(SupervisedTaskUnit).find();
      return (await subgraph.dataSource.getRepository(SupervisedTask).find()).filter((t) => keep(t, units.filter((u) => u.taskId === t.id))).map((t) => t.id).sort();
    };
    const inLinjiang = (t: SupervisedTask) => isWithin(t.regionCode, '990102');
    expect(await list(linjiangLeader)).toEqual(await ids(inLinjiang));
    expect(await regionStats('990102', linjiangLeader)).toEqual(await countRows(inLinjiang, (r) => isWithin(r.regionCode, '990102'), at));
    expect(await regionStats('990100')).toEqual(await countRows(() => true, () => true, at));
    for (const [query, variables] of [
      [REGION_STATS, { code: '990103' }],
      [REGION_STATS, { code: '990100' }],
      [LIST, { filter: { regionCode: '990103' } }],
      [UNIT_STATS, { id: MARKET, region: '990103' }],
    ] as const) {
      expect((await call(linjiangLeader, query, variables)).errors?.[0].extensions?.code, JSON.stringify(variables)).toBe('FORBIDDEN');
    }

    // The market bureau's operator: the tasks it leads or shares in its district, its own reports.
    const marketTasks = await ids((t, units) => inLinjiang(t) && units.some((u) => u.unitId === MARKET));
    expect(await list(marketHandler)).toEqual(marketTasks);
    expect(marketTasks).toContain(taskA);
    expect(await list(govDataHandler)).not.toContain(taskB);
    expect((await call(govDataHandler, GET, { id: taskB })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const reports = (await ok(marketHandler, REPORTS, {})).progressReports;
    expect(reports.totalCount).toBe(await subgraph.dataSource.getRepository(ProgressReport).countBy({ unitId: MARKET }));
    expect(reports.edges.every((e: { node: { unit: { id: string } } }) => e.node.unit.id === MARKET)).toBe(true);

    // Per unit: the tasks it leads (not those it shares) and the reports it owes, in the asked region.
    const leads = (_task: SupervisedTask, units: SupervisedTaskUnit[]) => units.some((u) => u.unitId === MARKET && u.role === UnitRole.LEAD);
    const unitStats = async (region?: string) => (await ok(citySupervisor, UNIT_STATS, { id: MARKET, region }))._entities[0].taskStats;
    expect(await unitStats()).toEqual(await countRows(leads, (r) => r.unitId === MARKET, at));
    expect(await unitStats('990102')).toEqual(await countRows((t, u) => leads(t, u) && inLinjiang(t), (r) => r.unitId === MARKET && isWithin(r.regionCode, '990102'), at));
    expect((await unitStats('990103')).red).toBe(1);
  });

  it('counts a report not filed by its period’s end as missing, from that moment, without any write', async () => {
    const missingBefore = (await regionStats('990102')).reportsMissing;
    const due = await subgraph.dataSource.getRepository(ProgressReport).findBy({ campaignId });
    const thisMonth = due.filter((r) => !r.submittedAt).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    const first = thisMonth[0].dueAt;
    const turning = thisMonth.filter((r) => r.dueAt.getTime() === first.getTime());
    // GOV_DATA's for task A and MARKET's for task B are still open for this month.
    expect(turning.map((r) => `${r.taskId}:${r.unitId}`).sort()).toEqual([`${taskA}:${GOV_DATA}`, `${taskB}:${MARKET}`].sort());
    setClockOffset(clockOffsetMs() + (first.getTime() - now().getTime()) + 1000);
    await eventually(() => turning.every((r) => events.some((e) => e.topic === 'task-report.overdue' && e.payload.id === r.id)), 5000);
    expect((await regionStats('990102')).reportsMissing).toBe(missingBefore + 2);
    const missing = (await ok(citySupervisor, REPORTS, { filter: { campaignId, missing: true } })).progressReports;
    expect(missing.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual(turning.map((r) => r.id).sort());
    // Filed late, it no longer counts as missing, and says it was late.
    await ok(govDataHandler, SUBMIT, { input: { taskId: taskA, content: '补报' } });
    expect((await regionStats('990102')).reportsMissing).toBe(missingBefore + 1);
    const reports = (await ok(citySupervisor, GET, { id: taskA })).supervisedTask.progressReports;
    expect(reports.find((r: { id: string }) => r.id === turning.find((t) => t.unitId === GOV_DATA)!.id)).toMatchObject({ missing: false, late: true });
    // Completing a task drops the reports it would still owe; the missing one stays.
    const taskBRow = await subgraph.dataSource.getRepository(SupervisedTask).findOneByOrFail({ id: taskB });
    await ok(citySupervisor, `mutation($id: ID!, $v: Int!) { completeSupervisedTask(id: $id, expectedVersion: $v) { status } }`, { id: taskB, v: taskBRow.version });
    const left = await subgraph.dataSource.getRepository(ProgressReport).findBy({ taskId: taskB });
    expect(left.every((r) => r.submittedAt || r.dueAt < now())).toBe(true);
    expect(left.some((r) => !r.submittedAt)).toBe(true);
  });

  it('turns a task behind pace at the moment the line passes its latest value, without any write', async () => {
    const made = await createTask({ number: 6, startsOn: day(-10), deadline: day(90), target: { baseline: 0, value: 100, unit: '项', direction: 'UP' } });
    // 20 of 100 keeps pace until a fifth of the way: about ten days from now.
    const reported = (await ok(citySupervisor, ACTUAL, { input: { taskId: made.id, value: 20 } })).reportTaskActual;
    expect(reported).toMatchObject({ behindTarget: false, light: 'GREEN' });
    const row = await subgraph.dataSource.getRepository(SupervisedTask).findOneByOrFail({ id: made.id });
    expect(row.behindAt!.getTime()).toBeGreaterThan(now().getTime() + 8 * DAY_MS);
    const before = await regionStats('990102');
    setClockOffset(clockOffsetMs() + (row.behindAt!.getTime() - now().getTime()) + 1000);
    await eventually(() => events.some((e) => e.topic === 'task.behind' && e.payload.id === made.id), 5000);
    expect((await ok(citySupervisor, GET, { id: made.id })).supervisedTask).toMatchObject({ behindTarget: true, light: 'YELLOW' });
    expect((await regionStats('990102')).behindTarget).toBe(before.behindTarget + 1);
  });
});
