import { randomInt, randomUUID } from 'node:crypto';
import { Role, type Caller } from '@bizenv/common/auth';
import { clockOffsetMs, now, setClockOffset } from '@bizenv/common/clock';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '@bizenv/common/credit-code';
import type { DomainEvent } from '@bizenv/common/event-bus';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { allPages, callSubgraph, type DatabaseTarget, databaseTargets, eventually, startTestSubgraph } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseServiceDeps } from '../src/context.js';
import { demandDeadlines } from '../src/demand/demand-deadline.js';
import { Demand } from '../src/demand/demand.entity.js';
import { Enterprise } from '../src/enterprise/enterprise.entity.js';
import { startOfMonth, startOfQuarter } from '../src/region/period.js';
import { enterpriseServiceSubgraph } from '../src/subgraph.js';
import { Visit } from '../src/visit/visit.entity.js';

const cityAmbassador: Caller = { id: 'amb-city', name: '市服务大使', roles: [Role.SERVICE_AMBASSADOR], regionCode: '990100' };
const linjiangAmbassador: Caller = { id: 'amb-linjiang', name: '临江区服务大使', roles: [Role.SERVICE_AMBASSADOR], regionCode: '990102' };
const linjiangLeader: Caller = { id: 'leader-linjiang', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };
const screen: Caller = { id: 'screen-1', name: '大屏', roles: [Role.SCREEN], regionCode: '990100' };
const UNIT = randomUUID();
const OTHER_UNIT = randomUUID();
const handler: Caller = { id: 'handler-1', name: '承办人', roles: [Role.UNIT_HANDLER], regionCode: '990102', unitId: UNIT };

function newCreditCode(district: string): string {
  const body = Array.from({ length: 7 }, () => CREDIT_CODE_CHARSET[randomInt(CREDIT_CODE_CHARSET.length)]).join('');
  return `91${district}MA${body}` + creditCodeCheckChar(`91${district}MA${body}`);
}

const RECORD = `mutation($input: RecordVisitInput!) { recordVisit(input: $input) {
  id visitedAt notes recordedByName enterprise { id } region { code } visitors { id }
  demands { id title content status source dueAt deadlineProvisional overdue visit { id } region { code } enterprise { id } }
} }`;
const VISIT = `query($id: ID!) { visit(id: $id) { id demands { id } } }`;
const VISITS = `query($filter: VisitFilter, $first: Int, $after: String) {
  visits(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
}`;
const REPORT = `mutation($input: ReportMonitoringProblemInput!) { reportMonitoringProblem(input: $input) { id title content photos source status visit { id } } }`;
const STATS = `query($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) {
  ... on Region { serviceStats { enterprises openDemands overdueDemands visitsThisMonth visitsThisQuarter } }
} }`;
const AMBASSADOR_STATS = `query($personId: ID!, $code: ID) { ambassadorStats(personId: $personId, regionCode: $code) { enterprises projects visits demandsRaised demandsClosed } }`;
const UNIT_STATS = `query($id: ID!) { _entities(representations: [{ __typename: "Unit", id: $id }]) { ... on Unit { serviceStats { openDemands overdueDemands } } } }`;
const ASSIGN = `mutation($input: AssignAmbassadorInput!) { assignAmbassador(input: $input) { id } }`;

describe.each(await databaseTargets())('visits, monitoring points and service statistics on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<EnterpriseServiceDeps>;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(enterpriseServiceSubgraph(), target, events, false);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const call = (caller: Caller, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  const ok = async (caller: Caller, query: string, variables: Record<string, unknown>) => {
    const result = await call(caller, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return Object.values(result.data)[0] as any;
  };
  const stats = async (code: string, caller = cityAmbassador) => (await ok(caller, STATS, { code }))[0].serviceStats;
  const enterpriseIn = async (regionCode: string, flags: Partial<Enterprise> = {}) => {
    const enterprise: Enterprise = { id: randomUUID(), creditCode: newCreditCode(regionCode.slice(0, 6)), name: `江湾市测试${randomInt(1e9)}有限公司`, regionCode, isKey: false, ...flags };
    await subgraph.dataSource.getRepository(Enterprise).insert(enterprise);
    return enterprise;
  };
  const record = (enterprise: Enterprise, input: Record<string, unknown> = {}, caller = cityAmbassador) =>
    call(caller, RECORD, { input: { enterpriseId: enterprise.id, visitedAt: now().toISOString(), visitorIds: [randomUUID()], ...input } });
  const counts = async () => ({
    visits: await subgraph.dataSource.getRepository(Visit).count(),
    demands: await subgraph.dataSource.getRepository(Demand).count(),
  });

  it('records a visit with its visitors and the demands raised: each enters the closed loop awaiting dispatch, due in 5 working days, linked back', async () => {
    const enterprise = await enterpriseIn('990102001');
    const before = await stats('990102001');
    const visitors = [randomUUID(), randomUUID()].sort();
    const visit = (
      await record(enterprise, {
        visitorIds: visitors,
        notes: '了解企业生产经营情况',
        demands: [{ title: '用电增容报装进度缓慢', content: '已申请两个月' }, { title: '申请人才公寓配租' }],
      })
    ).data.recordVisit;
    expect(visit).toMatchObject({ notes: '了解企业生产经营情况', recordedByName: cityAmbassador.name, enterprise: { id: enterprise.id }, region: { code: '990102001' } });
    expect(visit.visitors.map((v: { id: string }) => v.id)).toEqual(visitors);
    expect(visit.demands).toHaveLength(2);
    for (const demand of visit.demands) {
      expect(demand).toMatchObject({ status: 'AWAITING_DISPATCH', source: 'VISIT', overdue: false, visit: { id: visit.id }, region: { code: '990102001' }, enterprise: { id: enterprise.id } });
      const row = await subgraph.dataSource.getRepository(Demand).findOneByOrFail({ id: demand.id });
      expect(row.dueAt).toEqual(demandDeadlines(row.raisedAt).dueAt);
    }
    // Raised at the same moment, they come in id order.
    expect(visit.demands.map((d: { title: string; content: string | null }) => [d.title, d.content]).sort()).toEqual([
      ['用电增容报装进度缓慢', '已申请两个月'],
      ['申请人才公寓配租', null],
    ]);
    expect(await stats('990102001')).toMatchObject({ openDemands: before.openDemands + 2, visitsThisMonth: before.visitsThisMonth + 1, visitsThisQuarter: before.visitsThisQuarter + 1 });
    await eventually(() => events.some((e) => e.topic === 'visit.recorded' && e.payload.id === visit.id));
    const received = events.filter((e) => e.topic === 'demand.received' && visit.demands.some((d: { id: string }) => d.id === e.payload.id));
    expect(received.map((e) => e.regionCode)).toEqual(['990102001', '990102001']);
  });

  it('refuses a visit in the future, without visitors, with a bad demand or outside the caller’s district, storing nothing', async () => {
    const enterprise = await enterpriseIn('990102002');
    const elsewhere = await enterpriseIn('990103001');
    const before = await counts();
    const person = randomUUID();
    for (const [input, field] of [
      [{ visitedAt: new Date(now().getTime() + 3600_000).toISOString() }, 'visitedAt'],
      [{ visitorIds: [] }, 'visitorIds'],
      [{ visitorIds: [person, person] }, 'visitorIds'],
      [{ visitorIds: ['某某'] }, 'visitorIds[0]'],
      [{ demands: [{ title: '好诉求' }, { title: '  ' }] }, 'demands[1].title'],
      [{ demands: [{ title: '诉', content: 'x'.repeat(2001) }] }, 'demands[0].content'],
    ] as const) {
      const result = await record(enterprise, input);
      expect(result.errors?.[0].extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await record(elsewhere, { demands: [{ title: '诉求' }] }, linjiangAmbassador)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await record(enterprise, {}, linjiangLeader)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('turns a monitoring point’s report (随手拍) into a demand with its photos; refuses an enterprise that is not one', async () => {
    const point = await enterpriseIn('990102003', { isMonitoringPoint: true });
    const plain = await enterpriseIn('990102003');
    const input = { title: '园区道路破损', content: '货车无法通行，见照片', photos: ['https://oss.example/p/1.jpg', 'file:8842'] };
    const refused = await call(cityAmbassador, REPORT, { input: { ...input, enterpriseId: plain.id } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enterpriseId' });
    const tooMany = await call(cityAmbassador, REPORT, { input: { ...input, enterpriseId: point.id, photos: Array(10).fill('p') } });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'photos' });
    const demand = await ok(cityAmbassador, REPORT, { input: { ...input, enterpriseId: point.id } });
    expect(demand).toMatchObject({ title: '园区道路破损', content: '货车无法通行，见照片', photos: input.photos, source: 'MONITORING_POINT', status: 'AWAITING_DISPATCH', visit: null });
    expect(await subgraph.dataSource.getRepository(Demand).countBy({ enterpriseId: plain.id })).toBe(0);
  });

  it('counts visits this month and this quarter by the Shanghai calendar', async () => {
    const enterprise = await enterpriseIn('990102004');
    const before = await stats('990102004');
    const lastMonth = new Date(startOfMonth(now()).getTime() - 60_000);
    await ok(cityAmbassador, RECORD, { input: { enterpriseId: enterprise.id, visitedAt: lastMonth.toISOString(), visitorIds: [randomUUID()] } });
    const sameQuarter = lastMonth >= startOfQuarter(now());
    expect(await stats('990102004')).toMatchObject({ visitsThisMonth: before.visitsThisMonth, visitsThisQuarter: before.visitsThisQuarter + (sameQuarter ? 1 : 0) });
    await ok(cityAmbassador, RECORD, { input: { enterpriseId: enterprise.id, visitedAt: now().toISOString(), visitorIds: [randomUUID()] } });
    const after = await stats('990102004');
    expect(after).toMatchObject({ visitsThisMonth: before.visitsThisMonth + 1, visitsThisQuarter: before.visitsThisQuarter + (sameQuarter ? 2 : 1) });
    const rows = await subgraph.dataSource.getRepository(Visit).find();
    const since = (start: Date) => rows.filter((v) => v.regionCode.startsWith('990102004') && v.visitedAt >= start).length;
    expect([after.visitsThisMonth, after.visitsThisQuarter]).toEqual([since(startOfMonth(now())), since(startOfQuarter(now()))]);
  });

  it('lists visits in scope: a district leader theirs and not another district’s; a unit operator those that raised a demand for their unit', async () => {
    const own = (await record(await enterpriseIn('990102005'), { demands: [{ title: '消防验收排期过长' }] })).data.recordVisit;
    const quiet = (await record(await enterpriseIn('990102005'))).data.recordVisit;
    const foreign = (await record(await enterpriseIn('990103002'))).data.recordVisit;
    await subgraph.dataSource.getRepository(Demand).update({ id: own.demands[0].id }, { unitId: UNIT, status: DispatchStatus.DISPATCHED });
    const list = (caller: Caller, filter: Record<string, unknown> | null) => allPages<{ id: string }>(async (after) => ok(caller, VISITS, { filter, first: 4, after }));
    const rows = await subgraph.dataSource.getRepository(Visit).find();
    const linjiang = rows.filter((v) => v.regionCode.startsWith('990102')).sort((a, b) => b.visitedAt.getTime() - a.visitedAt.getTime() || (a.id < b.id ? 1 : -1));
    expect((await list(linjiangLeader, null)).nodes.map((n) => n.id)).toEqual(linjiang.map((v) => v.id));
    expect((await call(linjiangLeader, VISITS, { filter: { regionCode: '990103' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await call(linjiangLeader, VISIT, { id: foreign.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await list(handler, null)).nodes.map((n) => n.id)).toEqual([own.id]);
    expect(await ok(handler, VISIT, { id: own.id })).toEqual({ id: own.id, demands: [{ id: own.demands[0].id }] });
    expect((await call(handler, VISIT, { id: quiet.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await call(screen, VISITS, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('counts per ambassador: enterprises served, visits, demands raised on them and closed, within the region asked', async () => {
    const person = randomUUID();
    const near = await enterpriseIn('990102001', { isKey: true });
    const far = await enterpriseIn('990103003', { isKey: true });
    await ok(cityAmbassador, ASSIGN, { input: { personId: person, level: 'CITY', regionCode: '990100', enterpriseId: near.id } });
    await ok(cityAmbassador, ASSIGN, { input: { personId: person, level: 'CITY', regionCode: '990100', enterpriseId: far.id } });
    const visit = (await record(near, { visitorIds: [person, randomUUID()], demands: [{ title: '一' }, { title: '二' }] })).data.recordVisit;
    await record(far, { visitorIds: [person], demands: [{ title: '三' }] });
    await record(near, { visitorIds: [randomUUID()], demands: [{ title: '别人的走访' }] });
    await subgraph.dataSource.getRepository(Demand).update({ id: visit.demands[0].id }, { status: DispatchStatus.CLOSED });
    expect(await ok(cityAmbassador, AMBASSADOR_STATS, { personId: person })).toEqual({ enterprises: 2, projects: 0, visits: 2, demandsRaised: 3, demandsClosed: 1 });
    expect(await ok(linjiangLeader, AMBASSADOR_STATS, { personId: person })).toEqual({ enterprises: 1, projects: 0, visits: 1, demandsRaised: 2, demandsClosed: 1 });
    expect((await call(linjiangLeader, AMBASSADOR_STATS, { personId: person, code: '990103' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await call(cityAmbassador, AMBASSADOR_STATS, { personId: 'x' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personId' });
  });

  it('gives a unit its own demand counts; a unit operator may not ask about another unit', async () => {
    const enterprise = await enterpriseIn('990102002');
    const visit = (await record(enterprise, { demands: [{ title: '甲' }, { title: '乙' }, { title: '丙' }] })).data.recordVisit;
    const repository = subgraph.dataSource.getRepository(Demand);
    await repository.update({ id: visit.demands[0].id }, { unitId: OTHER_UNIT, status: DispatchStatus.DISPATCHED });
    await repository.update({ id: visit.demands[1].id }, { unitId: OTHER_UNIT, status: DispatchStatus.CLOSED });
    const unitStats = async (caller: Caller, id: string) => (await ok(caller, UNIT_STATS, { id }))[0].serviceStats;
    expect(await unitStats(linjiangLeader, OTHER_UNIT)).toEqual({ openDemands: 1, overdueDemands: 0 });
    const stranger: Caller = { ...handler, unitId: OTHER_UNIT };
    expect(await unitStats(stranger, OTHER_UNIT)).toEqual({ openDemands: 1, overdueDemands: 0 });
    const refused = await call(handler, UNIT_STATS, { id: OTHER_UNIT });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.data?._entities?.[0]?.serviceStats ?? null).toBeNull();
  });

  // Last: it moves this process's clock forward.
  it('shows a demand raised on a visit as overdue in the region’s and the unit’s statistics once its deadline passes', async () => {
    // A town with no other open demand; every demand raised today falls due at the same moment.
    const town = '990102004';
    const enterprise = await enterpriseIn(town);
    const visit = (await record(enterprise, { demands: [{ title: '土地证办理滞后影响抵押融资' }] })).data.recordVisit;
    const demand = visit.demands[0];
    await subgraph.dataSource.getRepository(Demand).update({ id: demand.id }, { unitId: UNIT, status: DispatchStatus.DISPATCHED });
    expect(await stats(town)).toMatchObject({ openDemands: 1, overdueDemands: 0 });
    const dueAt = new Date(demand.dueAt);
    setClockOffset(clockOffsetMs() + dueAt.getTime() - now().getTime() - 60_000);
    expect(await stats(town)).toMatchObject({ openDemands: 1, overdueDemands: 0 });
    setClockOffset(clockOffsetMs() + 120_000);
    expect(await stats(town)).toMatchObject({ openDemands: 1, overdueDemands: 1 });
    // The district and the unit count it too, with every other open demand past its time.
    const open = (await subgraph.dataSource.getRepository(Demand).find()).filter((d) => d.status !== DispatchStatus.CLOSED && d.regionCode.startsWith('990102'));
    const overdue = open.filter((d) => d.dueAt < now());
    expect(overdue.map((d) => d.id)).toContain(demand.id);
    expect(await stats('990102', linjiangLeader)).toMatchObject({ openDemands: open.length, overdueDemands: overdue.length });
    expect((await ok(handler, UNIT_STATS, { id: UNIT }))[0].serviceStats).toEqual({
      openDemands: open.filter((d) => d.unitId === UNIT).length,
      overdueDemands: overdue.filter((d) => d.unitId === UNIT).length,
    });
    const read = await ok(cityAmbassador, `query($id: ID!) { demand(id: $id) { overdue visit { id } } }`, { id: demand.id });
    expect(read).toEqual({ overdue: true, visit: { id: visit.id } });
  });
});
