import { Role, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import type { DomainEvent } from '@bizenv/common/event-bus';
import { stableId } from '@bizenv/common/stable-id';
import { callSubgraph, type DatabaseTarget, databaseTargets } from '@bizenv/common/testing';
import { shanghaiDate } from '@bizenv/common/working-days';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from './support/system.js';

/** A supervisor of 临江区 only (no demo account has this role in a district): signed as the gateway would. */
const linjiangSupervisor: Caller = { id: 'sup-linjiang', name: '临江区督查员', roles: [Role.SUPERVISOR], regionCode: '990102' };
const day = (offset: number) => shanghaiDate(new Date(now().getTime() + offset * 86_400_000));

const TASK_FIELDS = 'id version status title deadline startsAt deadlineText light overdue withdrawnAt withdrawalReason responsibleUnits { id } changeLog { action reason actorId at changes { field from to } }';
const CAMPAIGN = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id version } }`;
const CREATE = `mutation($input: CreateSupervisedTaskInput!) { createSupervisedTask(input: $input) { ${TASK_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateSupervisedTaskInput!) { updateSupervisedTask(id: $id, expectedVersion: $v, input: $input) { ${TASK_FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!, $v: Int!, $reason: String!) { withdrawSupervisedTask(id: $id, expectedVersion: $v, reason: $reason) { ${TASK_FIELDS} } }`;
const TASK = `query($id: ID!) { supervisedTask(id: $id) { ${TASK_FIELDS} actuals { value } progressReports { submittedAt } } }`;
const LIST = `query($filter: SupervisedTaskFilter) { supervisedTasks(filter: $filter, first: 100) { totalCount edges { node { id } } } }`;
const STATS = `query($code: ID!) { region(code: $code) { taskStats { total open red yellow green } } }`;
const CAMPAIGN_FIELDS = 'id version title endsOn withdrawnAt specialActions { id } changeLog { action reason changes { field from to } }';
const UPDATE_CAMPAIGN = `mutation($id: ID!, $v: Int!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, expectedVersion: $v, input: $input) { ${CAMPAIGN_FIELDS} } }`;
const WITHDRAW_CAMPAIGN = `mutation($id: ID!, $v: Int!, $reason: String!) { withdrawCampaign(id: $id, expectedVersion: $v, reason: $reason) { ${CAMPAIGN_FIELDS} } }`;
const ACTION_FIELDS = 'id version number title overallUnit { id } withdrawnAt changeLog { action changes { field from to } }';
const CREATE_ACTION = `mutation($input: CreateSpecialActionInput!) { createSpecialAction(input: $input) { ${ACTION_FIELDS} } }`;
const UPDATE_ACTION = `mutation($id: ID!, $v: Int!, $input: UpdateSpecialActionInput!) { updateSpecialAction(id: $id, expectedVersion: $v, input: $input) { ${ACTION_FIELDS} } }`;
const WITHDRAW_ACTION = `mutation($id: ID!, $v: Int!, $reason: String!) { withdrawSpecialAction(id: $id, expectedVersion: $v, reason: $reason) { ${ACTION_FIELDS} } }`;

/** Correcting (修改) and withdrawing (撤销) campaigns, special actions and tasks, end to end through the gateway. */
describe.each(await databaseTargets())('changing and withdrawing plans on $name', ({ create }) => {
  let target: DatabaseTarget;
  let system: TestSystem;
  let supervisor: string;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    target = create();
    system = await startTestSystem(target);
    supervisor = await system.login('supervisor');
    system.bus.subscribe((event) => events.push(event));
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await target?.dispose();
  });

  const call = async (query: string, variables: Record<string, unknown>, auth: string = supervisor) => system.query(query, variables, auth);
  const ok = async (query: string, variables: Record<string, unknown>, auth?: string) => {
    const result = await call(query, variables, auth);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const refusal = async (query: string, variables: Record<string, unknown>, auth?: string) => (await call(query, variables, auth)).errors?.[0].extensions;
  const asDistrictSupervisor = async (query: string, variables: Record<string, unknown>) =>
    (await callSubgraph(system.subgraphs.find((s) => s.name === 'tasks')!.url, linjiangSupervisor, query, variables, system.config.internalSecret)).errors?.[0].extensions;
  const stats = async (code: string) => (await ok(STATS, { code })).region.taskStats;
  const newCampaign = async (title: string) =>
    (
      await ok(CAMPAIGN, {
        input: { regionCode: '990100', title, issuingBody: '江湾市人民政府办公室', year: Number(day(0).slice(0, 4)), startsOn: day(-40), endsOn: day(200), reportCadence: 'MONTHLY', phases: [{ name: '全程', startsOn: day(-40), endsOn: day(200) }] },
      })
    ).createCampaign as { id: string; version: number };
  const newTask = async (campaignId: string, number: number, regionCode: string, extra: Record<string, unknown> = {}) =>
    (await ok(CREATE, { input: { campaignId, number, title: `整改任务${number}`, leadUnitIds: [stableId('city-tax')], regionCode, deadline: day(150), ...extra } })).createSupervisedTask;

  it('corrects a task: refuses bad fields and stale versions storing nothing, recounts lights and statistics on a new deadline, logs every change', async () => {
    const campaign = await newCampaign('江湾市督办任务修改测试方案');
    const task = await newTask(campaign.id, 1, '990102001', { target: { baseline: 50, value: 90, unit: '%', direction: 'UP' } });
    expect(task).toMatchObject({ version: 1, light: 'GREEN', changeLog: [] });
    const bad: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'title'],
      [{ title: '长'.repeat(201) }, 'title'],
      [{ number: 0 }, 'number'],
      [{ deadline: '2026-02-30' }, 'deadline'],
      [{ deadline: '99999-01-01' }, 'deadline'],
      [{ deadlineRule: 'END_OF_YEAR' }, 'deadline'],
      [{ leadUnitIds: [] }, 'leadUnitIds'],
      [{ leadUnitIds: ['not-a-unit'] }, 'leadUnitIds'],
      [{ responsibleUnitIds: ['x'] }, 'responsibleUnitIds'],
      [{ startsOn: day(400) }, 'startsOn'],
      [{ target: { baseline: 50, value: 40, unit: '%', direction: 'UP' } }, 'target.value'],
      [{ target: { value: 1, unit: '', direction: 'DOWN' } }, 'target.unit'],
    ];
    for (const [input, field] of bad) expect(await refusal(UPDATE, { id: task.id, v: 1, input }), JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await refusal(UPDATE, { id: 'x', v: 1, input: { title: '新' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect((await ok(TASK, { id: task.id })).supervisedTask).toMatchObject({ version: 1, title: '整改任务1', changeLog: [] });

    // Out of scope or without the right: refused, whatever the version.
    expect(await refusal(UPDATE, { id: task.id, v: 1, input: { title: '新' } }, await system.login('handler.tax'))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await system.query(UPDATE, { id: task.id, v: 1, input: { title: '新' } })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const cityTask = await newTask(campaign.id, 2, '990100');
    expect(await asDistrictSupervisor(UPDATE, { id: cityTask.id, v: 1, input: { title: '新' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await asDistrictSupervisor(UPDATE, { id: task.id, v: 1, input: { title: '临江区改的标题' } })).toBeUndefined();

    const before = await stats('990102001');
    const overdue = (await ok(UPDATE, { id: task.id, v: 2, input: { deadline: day(-1), responsibleUnitIds: [stableId('city-market')] } })).updateSupervisedTask;
    expect(overdue).toMatchObject({ version: 3, title: '临江区改的标题', light: 'RED', overdue: true, responsibleUnits: [{ id: stableId('city-market') }] });
    expect(await stats('990102001')).toEqual({ ...before, red: before.red + 1, green: before.green - 1 });
    expect(overdue.changeLog.map((c: { actorId: string }) => c.actorId)).toEqual(['sup-linjiang', expect.stringMatching(/.+/)]);
    expect(overdue.changeLog[1]).toMatchObject({
      action: 'UPDATE',
      reason: null,
      changes: [
        { field: 'responsibleUnitIds', from: null, to: stableId('city-market') },
        { field: 'deadline', from: task.deadline, to: overdue.deadline },
        // A task starts at the latest on its deadline, as on registration.
        { field: 'startsAt', from: task.startsAt, to: overdue.deadline },
      ],
    });
    const soon = (await ok(UPDATE, { id: task.id, v: 3, input: { deadline: day(2) } })).updateSupervisedTask;
    expect(soon).toMatchObject({ version: 4, light: 'YELLOW', overdue: false });
    expect(await stats('990102001')).toEqual({ ...before, yellow: before.yellow + 1, green: before.green - 1 });
    await eventually(() => events.filter((e) => e.topic === 'task.updated' && e.payload.id === task.id).length === 3);

    // A change made on an old version is refused, and changes nothing.
    expect(await refusal(UPDATE, { id: task.id, v: 3, input: { title: '过时的修改' } })).toMatchObject({ code: 'CONFLICT' });
    expect((await ok(TASK, { id: task.id })).supervisedTask).toMatchObject({ version: 4, title: '临江区改的标题' });
    // Nothing to change: nothing written.
    expect((await ok(UPDATE, { id: task.id, v: 4, input: { title: '临江区改的标题' } })).updateSupervisedTask.version).toBe(4);
  });

  it('withdraws a task with reports and actuals: kept and readable, out of lists and statistics, no longer changeable', async () => {
    const campaign = await newCampaign('江湾市督办任务撤销测试方案');
    const task = await newTask(campaign.id, 1, '990100', { target: { baseline: 50, value: 90, unit: '%', direction: 'UP' } });
    await ok('mutation($input: SubmitProgressReportInput!) { submitProgressReport(input: $input) { id } }', { input: { taskId: task.id, content: '本月已完成方案制定' } });
    await ok('mutation($input: ReportTaskActualInput!) { reportTaskActual(input: $input) { id } }', { input: { taskId: task.id, value: 60 } });
    const before = await stats('990100');

    expect(await refusal(WITHDRAW, { id: task.id, v: 2, reason: '  ' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(await refusal(WITHDRAW, { id: task.id, v: 2, reason: '长'.repeat(201) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(await refusal(WITHDRAW, { id: task.id, v: 2, reason: '误登记' }, await system.login('city.leader'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await asDistrictSupervisor(WITHDRAW, { id: task.id, v: 2, reason: '误登记' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(WITHDRAW, { id: task.id, v: 1, reason: '误登记' })).toMatchObject({ code: 'CONFLICT' });
    expect(await stats('990100')).toEqual(before);

    const withdrawn = (await ok(WITHDRAW, { id: task.id, v: 2, reason: '与第3号任务重复，误登记' })).withdrawSupervisedTask;
    expect(withdrawn).toMatchObject({ version: 3, status: 'WITHDRAWN', light: null, overdue: false, withdrawalReason: '与第3号任务重复，误登记', withdrawnAt: expect.any(String) });
    expect(withdrawn.changeLog.at(-1)).toMatchObject({ action: 'WITHDRAW', reason: '与第3号任务重复，误登记', changes: [{ field: 'status', from: 'IN_PROGRESS', to: 'WITHDRAWN' }] });
    // Its history stays: the filed report and the actual; the reports it still owed are gone.
    const read = (await ok(TASK, { id: task.id })).supervisedTask;
    expect(read.actuals).toEqual([{ value: 60 }]);
    expect(read.progressReports).toEqual([{ submittedAt: expect.any(String) }]);
    const after = await stats('990100');
    expect(after).toMatchObject({ total: before.total - 1, open: before.open - 1, green: before.green - 1 });
    expect((await ok(LIST, { filter: { campaignId: campaign.id } })).supervisedTasks.totalCount).toBe(0);
    expect((await ok(LIST, { filter: { campaignId: campaign.id, status: 'WITHDRAWN' } })).supervisedTasks.edges).toEqual([{ node: { id: task.id } }]);
    await eventually(() => events.some((e) => e.topic === 'task.withdrawn' && e.payload.id === task.id));

    expect(await refusal(UPDATE, { id: task.id, v: 3, input: { title: '再改' } })).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await refusal(WITHDRAW, { id: task.id, v: 3, reason: '再撤' })).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await refusal('mutation($input: ReportTaskActualInput!) { reportTaskActual(input: $input) { id } }', { input: { taskId: task.id, value: 70 } })).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('corrects and withdraws special actions and campaigns only once nothing live depends on them', async () => {
    const campaign = await newCampaign('江湾市方案修改测试');
    const bad: [Record<string, unknown>, string][] = [
      [{ endsOn: day(-50) }, 'endsOn'],
      [{ year: 1999 }, 'year'],
      [{ title: '' }, 'title'],
      [{ phases: [] }, 'phases'],
      [{ startsOn: day(-10) }, 'phases[0].startsOn'],
      [{ phases: [{ name: '阶段', startsOn: day(-40), endsOn: day(10), milestones: [{ on: day(20), title: '节点' }] }] }, 'phases[0].milestones[0].on'],
    ];
    for (const [input, field] of bad) expect(await refusal(UPDATE_CAMPAIGN, { id: campaign.id, v: 1, input }), JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await asDistrictSupervisor(UPDATE_CAMPAIGN, { id: campaign.id, v: 1, input: { title: '改名' } })).toMatchObject({ code: 'FORBIDDEN' });
    const renamed = (await ok(UPDATE_CAMPAIGN, { id: campaign.id, v: 1, input: { title: '江湾市方案修改测试（修订）', endsOn: day(230), phases: [{ name: '全程', startsOn: day(-40), endsOn: day(230) }] } })).updateCampaign;
    expect(renamed).toMatchObject({ version: 2, title: '江湾市方案修改测试（修订）', endsOn: day(230) });
    expect(renamed.changeLog[0].changes.map((c: { field: string }) => c.field)).toEqual(['title', 'endsOn', 'phases']);
    expect(await refusal(UPDATE_CAMPAIGN, { id: campaign.id, v: 1, input: { title: '过时' } })).toMatchObject({ code: 'CONFLICT' });

    const action = (await ok(CREATE_ACTION, { input: { campaignId: campaign.id, number: 1, title: '提升政务服务专项行动' } })).createSpecialAction;
    expect(await refusal(UPDATE_ACTION, { id: action.id, v: 1, input: { number: 0 } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'number' });
    expect(await refusal(UPDATE_ACTION, { id: action.id, v: 1, input: { overallUnitId: 'x' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'overallUnitId' });
    const corrected = (await ok(UPDATE_ACTION, { id: action.id, v: 1, input: { title: '政务服务提质专项行动', overallUnitId: stableId('city-gov-data') } })).updateSpecialAction;
    expect(corrected).toMatchObject({ version: 2, title: '政务服务提质专项行动', overallUnit: { id: stableId('city-gov-data') } });
    expect(await refusal(UPDATE_ACTION, { id: action.id, v: 1, input: { title: '过时' } })).toMatchObject({ code: 'CONFLICT' });

    const task = await newTask(campaign.id, 1, '990100', { specialActionId: action.id });
    expect(await refusal(WITHDRAW_ACTION, { id: action.id, v: 2, reason: '误登记' })).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await refusal(WITHDRAW_CAMPAIGN, { id: campaign.id, v: 2, reason: '误登记' })).toMatchObject({ code: 'INVALID_TRANSITION' });
    await ok(WITHDRAW, { id: task.id, v: 1, reason: '误登记' });
    expect(await refusal(WITHDRAW_CAMPAIGN, { id: campaign.id, v: 2, reason: '误登记' })).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await ok(WITHDRAW_ACTION, { id: action.id, v: 2, reason: '与第2项合并' })).withdrawSpecialAction).toMatchObject({ version: 3, withdrawnAt: expect.any(String) });
    expect(await refusal(CREATE, { input: { specialActionId: action.id, number: 2, title: '新任务', leadUnitIds: [stableId('city-tax')], regionCode: '990100', deadline: day(100) } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'specialActionId' });

    const gone = (await ok(WITHDRAW_CAMPAIGN, { id: campaign.id, v: 2, reason: '方案未印发，误登记' })).withdrawCampaign;
    expect(gone).toMatchObject({ version: 3, withdrawnAt: expect.any(String), specialActions: [] });
    expect(gone.changeLog.map((c: { action: string }) => c.action)).toEqual(['UPDATE', 'WITHDRAW']);
    const listed = async (withdrawn: boolean) =>
      (await ok('query($f: CampaignFilter) { campaigns(filter: $f, first: 100) { edges { node { id } } } }', { f: { withdrawn } })).campaigns.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await listed(false)).not.toContain(campaign.id);
    expect(await listed(true)).toContain(campaign.id);
    expect(await refusal(CREATE, { input: { campaignId: campaign.id, number: 2, title: '新任务', leadUnitIds: [stableId('city-tax')], regionCode: '990100', deadline: day(100) } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'campaignId' });
    expect(await refusal(UPDATE_CAMPAIGN, { id: campaign.id, v: 3, input: { title: '再改' } })).toMatchObject({ code: 'INVALID_TRANSITION' });
  });
});
