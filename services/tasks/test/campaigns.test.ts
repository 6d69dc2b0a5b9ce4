import { Role, type Caller } from '@bizenv/common/auth';
import { clockOffsetMs, now, setClockOffset } from '@bizenv/common/clock';
import { demoAccountPersonId } from '@bizenv/common/demo-city';
import { stableId } from '@bizenv/common/stable-id';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph } from '@bizenv/common/testing';
import { shanghaiDate } from '@bizenv/common/working-days';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CampaignPhase } from '../src/campaign/campaign-phase.entity.js';
import { Campaign } from '../src/campaign/campaign.entity.js';
import { SpecialAction } from '../src/special-action/special-action.entity.js';
import { tasksSubgraph } from '../src/subgraph.js';

const citySupervisor: Caller = { id: 'sup-1', name: '市督查员', roles: [Role.SUPERVISOR], regionCode: '990100' };
const linjiangSupervisor: Caller = { id: 'sup-2', name: '临江区督查员', roles: [Role.SUPERVISOR], regionCode: '990102' };
const linjiangLeader: Caller = { id: 'leader-1', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };
const screen: Caller = { id: 'screen-1', name: '指挥中心大屏', roles: [Role.SCREEN], regionCode: '990100' };
const DAY_MS = 86_400_000;
const unit = (key: string) => stableId(key);

const CREATE = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`;
const CAMPAIGN = `query($id: ID!) { campaign(id: $id) {
  id title issuingBody year documentNumber startsOn endsOn reportCadence status daysLeft region { code }
  currentPhase { position name daysLeft } nextMilestone { on title daysLeft }
  phases { position name startsOn endsOn daysLeft milestones { on title } }
  specialActions { number title leadLeader { id } overallUnit { id } leadUnits { id } responsibleUnits { id } }
} }`;
const CURRENT = `query($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { currentCampaign { id currentPhase { name } daysLeft } } } }`;
const TASKS = `query($filter: SupervisedTaskFilter) { supervisedTasks(filter: $filter, first: 100) { edges { node { number campaign { id } specialAction { id leadUnits { id } } } } } }`;
const LIST = `query($filter: CampaignFilter) { campaigns(filter: $filter, first: 100) { totalCount edges { node { id region { code } status } } } }`;
const ACTION = `mutation($input: CreateSpecialActionInput!) { createSpecialAction(input: $input) { id number campaign { id } } }`;
const TASK = `mutation($input: CreateSupervisedTaskInput!) { createSupervisedTask(input: $input) { id campaign { id } specialAction { id title } leadUnits { id } responsibleUnits { id } } }`;

/** The Shanghai day `offset` days from the (test) clock's today. */
const day = (offset: number) => shanghaiDate(new Date(now().getTime() + offset * DAY_MS));

/** Leizhou 2021's four phases [000], around today: 重点突破 ends tomorrow. */
const leizhouShaped = (regionCode = '990102') => ({
  regionCode,
  title: '临江区“营商环境整治提升年”活动方案',
  issuingBody: '中共临江区委 临江区人民政府',
  year: Number(day(0).slice(0, 4)),
  documentNumber: '临发〔2026〕1号',
  startsOn: day(-10),
  endsOn: day(40),
  reportCadence: 'MONTHLY',
  phases: [
    { name: '思想动员和方案制定', startsOn: day(-10), endsOn: day(-6) },
    { name: '重点突破补短板', startsOn: day(-5), endsOn: day(1), milestones: [{ on: day(1), title: '完成“五个重点整治”' }] },
    { name: '开展集中攻坚', startsOn: day(2), endsOn: day(30), milestones: [{ on: day(20), title: '完成“八个专项整治”' }] },
    { name: '考评验收和深化提升', startsOn: day(31), endsOn: day(40) },
  ],
});

describe.each(await databaseTargets())('campaigns on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(tasksSubgraph(), target, [], false);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const call = (caller: Caller, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  const createCampaign = async (input: Record<string, unknown>, caller = citySupervisor) => {
    const result = await call(caller, CREATE, { input });
    expect(result.errors).toBeUndefined();
    return result.data.createCampaign.id as string;
  };
  const campaign = async (id: string, caller = citySupervisor) => (await call(caller, CAMPAIGN, { id })).data.campaign;

  it('holds a plan with its phases and milestones, and tells the phase and days left as the test clock moves', async () => {
    const id = await createCampaign(leizhouShaped());
    expect(await campaign(id)).toMatchObject({
      issuingBody: '中共临江区委 临江区人民政府',
      documentNumber: '临发〔2026〕1号',
      reportCadence: 'MONTHLY',
      status: 'IN_PROGRESS',
      region: { code: '990102' },
      // Counting today: the last day of the campaign is 40 days ahead.
      daysLeft: 41,
      currentPhase: { position: 2, name: '重点突破补短板', daysLeft: 2 },
      nextMilestone: { on: day(1), title: '完成“五个重点整治”', daysLeft: 2 },
    });
    expect((await campaign(id)).phases.map((p: { name: string; daysLeft: number }) => [p.name, p.daysLeft])).toEqual([
      ['思想动员和方案制定', 0],
      ['重点突破补短板', 2],
      ['开展集中攻坚', 31],
      ['考评验收和深化提升', 41],
    ]);
    const current = (code: string) => call(citySupervisor, CURRENT, { code });
    expect((await current('990102')).data._entities[0].currentCampaign).toMatchObject({ id, currentPhase: { name: '重点突破补短板' } });
    // The city's own: none (a district's plan is not the city's).
    expect((await current('990100')).data._entities[0].currentCampaign).toBeNull();

    // Two days on, the milestone has passed and 集中攻坚 has begun, without any write.
    const tomorrowPlusOne = day(2);
    setClockOffset(clockOffsetMs() + 2 * DAY_MS);
    expect(day(0)).toBe(tomorrowPlusOne);
    expect(await campaign(id)).toMatchObject({
      daysLeft: 39,
      currentPhase: { position: 3, name: '开展集中攻坚', daysLeft: 29 },
      nextMilestone: { title: '完成“八个专项整治”', daysLeft: 19 },
    });
  });

  it('refuses a malformed plan with the field named, and stores nothing', async () => {
    const before = [await subgraph.dataSource.getRepository(Campaign).count(), await subgraph.dataSource.getRepository(CampaignPhase).count()];
    const plan = leizhouShaped();
    const phases = plan.phases;
    for (const [input, field] of [
      [{ ...plan, startsOn: '2026-02-30' }, 'startsOn'],
      [{ ...plan, endsOn: day(-11) }, 'endsOn'],
      [{ ...plan, year: 1999 }, 'year'],
      [{ ...plan, title: ' ' }, 'title'],
      [{ ...plan, regionCode: '99010' }, 'regionCode'],
      [{ ...plan, phases: [] }, 'phases'],
      [{ ...plan, phases: [phases[0], { ...phases[1], startsOn: day(-6) }] }, 'phases[1].startsOn'],
      [{ ...plan, phases: [phases[1], phases[0]] }, 'phases[1].startsOn'],
      [{ ...plan, phases: [{ ...phases[0], startsOn: day(-11) }] }, 'phases[0].startsOn'],
      [{ ...plan, phases: [{ ...phases[0], endsOn: day(-12) }] }, 'phases[0].endsOn'],
      [{ ...plan, phases: [{ ...phases[0], milestones: [{ on: day(-5), title: '越界' }] }] }, 'phases[0].milestones[0].on'],
      [{ ...plan, phases: [{ ...phases[0], milestones: [{ on: day(-7), title: '' }] }] }, 'phases[0].milestones[0].title'],
    ] as const) {
      const result = await call(citySupervisor, CREATE, { input });
      expect(result.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    for (const [caller, input] of [
      [linjiangSupervisor, leizhouShaped('990103')],
      [linjiangLeader, leizhouShaped('990102')],
      [screen, leizhouShaped('990102')],
    ] as const) {
      expect((await call(caller, CREATE, { input })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect([await subgraph.dataSource.getRepository(Campaign).count(), await subgraph.dataSource.getRepository(CampaignPhase).count()]).toEqual(before);
  });

  it('holds special actions with their lead leader, unit in overall charge, lead and co-responsible units; tasks join them', async () => {
    const campaignId = await createCampaign(leizhouShaped());
    const leader = demoAccountPersonId('linjiang.leader');
    const input = {
      campaignId,
      number: 1,
      title: '实施提升政务服务满意度专项行动',
      leadLeaderId: leader,
      overallUnitId: unit('990102-gov-data'),
      leadUnitIds: [unit('990102-gov-data')],
      responsibleUnitIds: [unit('990102-market'), unit('city-tax'), unit('990102-gov-data')],
    };
    const created = await call(linjiangSupervisor, ACTION, { input });
    expect(created.errors).toBeUndefined();
    expect((await campaign(campaignId)).specialActions).toEqual([
      {
        number: 1,
        title: '实施提升政务服务满意度专项行动',
        leadLeader: { id: leader },
        overallUnit: { id: unit('990102-gov-data') },
        leadUnits: [{ id: unit('990102-gov-data') }],
        // A lead unit is not also listed as co-responsible.
        responsibleUnits: [{ id: unit('990102-market') }, { id: unit('city-tax') }],
      },
    ]);
    expect((await call(linjiangSupervisor, ACTION, { input })).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'number' });
    expect((await call(linjiangSupervisor, ACTION, { input: { ...input, number: 2, leadLeaderId: '仇海泉' } })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'leadLeaderId' });
    expect(await subgraph.dataSource.getRepository(SpecialAction).countBy({ campaignId })).toBe(1);

    const actionId = created.data.createSpecialAction.id;
    const task = {
      number: 1,
      title: '大力推进政务服务“网上办”',
      leadUnitIds: [unit('990102-gov-data')],
      responsibleUnitIds: [unit('990102-market')],
      regionCode: '990102001',
      specialActionId: actionId,
      deadline: day(30),
    };
    const made = await call(linjiangSupervisor, TASK, { input: task });
    expect(made.errors).toBeUndefined();
    // The special action names its campaign.
    expect(made.data.createSupervisedTask).toMatchObject({
      campaign: { id: campaignId },
      specialAction: { id: actionId, title: '实施提升政务服务满意度专项行动' },
      leadUnits: [{ id: unit('990102-gov-data') }],
      responsibleUnits: [{ id: unit('990102-market') }],
    });
    // A list reads its rows' campaigns and special actions for the whole page, not one row at a time.
    expect((await call(linjiangSupervisor, TASK, { input: { ...task, number: 2 } })).errors).toBeUndefined();
    const byId = vi.spyOn(subgraph.dataSource.manager, 'findOneBy');
    const listed = await call(linjiangSupervisor, TASKS, { filter: { specialActionId: actionId } });
    const perRow = byId.mock.calls.filter(([entity]) => entity === Campaign || entity === SpecialAction).length;
    byId.mockRestore();
    expect(listed.errors).toBeUndefined();
    const plan = { campaign: { id: campaignId }, specialAction: { id: actionId, leadUnits: [{ id: unit('990102-gov-data') }] } };
    expect(listed.data.supervisedTasks.edges.map((e: { node: { number: number } }) => e.node).sort((a: { number: number }, b: { number: number }) => a.number - b.number)).toEqual([1, 2].map((number) => ({ number, ...plan })));
    expect(perRow).toBe(0);
    const other = await createCampaign({ ...leizhouShaped('990103'), title: '城南区方案' });
    for (const [input, code, field] of [
      [{ ...task, number: 1 }, 'CONFLICT', 'number'],
      [{ ...task, number: 2, campaignId: other }, 'BAD_USER_INPUT', 'specialActionId'],
      [{ ...task, number: 2, specialActionId: null, campaignId: other, regionCode: '990102001' }, 'BAD_USER_INPUT', 'regionCode'],
      [{ ...task, number: 2, specialActionId: stableId('nothing') }, 'NOT_FOUND', 'specialActionId'],
    ] as const) {
      expect((await call(citySupervisor, TASK, { input })).errors?.[0].extensions, JSON.stringify(input)).toMatchObject({ code, field });
    }
  });

  it('lists a district leader only their district’s plans, and refuses another region rather than answering empty', async () => {
    const chengnan = await createCampaign({ ...leizhouShaped('990103'), title: '城南区另一方案' });
    const ended = await createCampaign({ ...leizhouShaped('990102'), title: '往年方案', startsOn: day(-400), endsOn: day(-300), year: 2025, phases: [{ name: '全年', startsOn: day(-400), endsOn: day(-300) }] });
    const rows = await subgraph.dataSource.getRepository(Campaign).find();
    const list = async (caller: Caller, filter: Record<string, unknown> | null = null) => {
      const result = await call(caller, LIST, { filter });
      expect(result.errors, JSON.stringify(filter)).toBeUndefined();
      return result.data.campaigns.edges.map((e: { node: { id: string } }) => e.node.id).sort();
    };
    const ids = (keep: (c: Campaign) => boolean) => rows.filter(keep).map((c) => c.id).sort();
    expect(await list(citySupervisor)).toEqual(ids(() => true));
    expect(await list(linjiangLeader)).toEqual(ids((c) => c.regionCode.startsWith('990102')));
    expect(await list(linjiangLeader)).not.toContain(chengnan);
    expect(await list(linjiangLeader, { status: 'ENDED' })).toEqual([ended]);
    expect(await list(citySupervisor, { year: 2025 })).toEqual([ended]);
    for (const [query, variables] of [
      [LIST, { filter: { regionCode: '990100' } }],
      [LIST, { filter: { regionCode: '990103' } }],
      [CAMPAIGN, { id: chengnan }],
      [CURRENT, { code: '990103' }],
    ] as const) {
      const result = await call(linjiangLeader, query, variables);
      expect(result.errors?.[0].extensions?.code, JSON.stringify(variables)).toBe('FORBIDDEN');
      expect(JSON.stringify(result.data ?? null)).not.toContain(chengnan);
    }
    // A district task of the city's plan shows its plan to whoever reads the task; the plan alone stays the city's.
    const cityPlan = await createCampaign({ ...leizhouShaped('990100'), title: '江湾市优化营商环境工作方案' });
    const made = await call(citySupervisor, TASK, { input: { number: 1, title: '压缩企业开办时间', leadUnitIds: [unit('990102-market')], regionCode: '990102001', campaignId: cityPlan, deadline: day(20) } });
    const seen = await call(linjiangLeader, `query($id: ID!) { supervisedTask(id: $id) { campaign { title currentPhase { name } } } }`, { id: made.data.createSupervisedTask.id });
    expect(seen.data.supervisedTask.campaign).toEqual({ title: '江湾市优化营商环境工作方案', currentPhase: { name: '重点突破补短板' } });
    expect((await call(linjiangLeader, CAMPAIGN, { id: cityPlan })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // A wall screen reads the phase and days left of its region's plan.
    expect((await call(screen, CURRENT, { code: '990103' })).data._entities[0].currentCampaign.id).toBeTruthy();
  });
});
