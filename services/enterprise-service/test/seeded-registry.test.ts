import { Role, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DEMO_CITY_CODE, DEMO_REGIONS, demoAccountPersonId } from '@bizenv/common/demo-city';
import { isWithin } from '@bizenv/common/region-code';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, readSteadily, startTestSubgraph } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmbassadorAssignment } from '../src/ambassador/ambassador-assignment.entity.js';
import { requiredLevels } from '../src/ambassador/ambassador-level.js';
import { LeaderContact } from '../src/ambassador/leader-contact.entity.js';
import type { EnterpriseServiceDeps } from '../src/context.js';
import { Demand } from '../src/demand/demand.entity.js';
import { Enterprise } from '../src/enterprise/enterprise.entity.js';
import { ProjectStageChange } from '../src/project/project-stage-change.entity.js';
import { Project } from '../src/project/project.entity.js';
import { startOfMonth, startOfQuarter } from '../src/region/period.js';
import { enterpriseServiceSubgraph } from '../src/subgraph.js';
import { VisitVisitor } from '../src/visit/visit-visitor.entity.js';
import { Visit } from '../src/visit/visit.entity.js';

const cityLeader: Caller = { id: 'leader-city', name: '市领导', roles: [Role.LEADER], regionCode: DEMO_CITY_CODE };
const DISTRICTS = DEMO_REGIONS.filter((r) => r.parentCode === DEMO_CITY_CODE).map((r) => r.code);
const STAGES = ['RESERVE', 'NEGOTIATION', 'KEY_PROJECT_HELP', 'OPERATING_HELP'];
const STATS = `query($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { serviceStats {
  enterprises keyEnterprises monitoringPoints incubationPool openDemands overdueDemands
  projectsByStage { stage count } keyProjects coveredKeyEnterprises coveredKeyProjects visitsThisMonth visitsThisQuarter
} } } }`;
const COVERAGE = `query($code: ID) { ambassadorCoverage(regionCode: $code) {
  keyEnterprises coveredKeyEnterprises enterpriseGaps(first: 100) { totalCount edges { node { enterprise { id } missingLevels } } }
} }`;
const AMBASSADOR_STATS = `query($personId: ID!) { ambassadorStats(personId: $personId) { enterprises projects visits demandsRaised demandsClosed } }`;

describe.each(await databaseTargets())('the seeded demo registry on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<EnterpriseServiceDeps>;

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(enterpriseServiceSubgraph(), target, [], true);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const all = <T extends object>(entity: new () => T) => subgraph.dataSource.getRepository(entity).find();
  const ok = async (query: string, variables: Record<string, unknown>) => {
    const result = await callSubgraph(subgraph.url, cityLeader, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return Object.values(result.data)[0] as any;
  };

  /** What the coverage rule says about a row, from the assignment rows. */
  const missing = (assignments: AmbassadorAssignment[], target: 'enterpriseId' | 'projectId', row: { id: string; regionCode: string }) => {
    const held = new Set(assignments.filter((a) => a[target] === row.id && a.until === null).map((a) => a.level));
    return requiredLevels(row.regionCode).filter((level) => !held.has(level));
  };

  it('has projects in all four stages, each with a history from 项目储备 to where it is, one sent back with a reason', async () => {
    const projects = await all(Project);
    const history = await all(ProjectStageChange);
    expect(new Set(projects.map((p) => p.stage))).toEqual(new Set(STAGES));
    for (const project of projects) {
      const steps = history.filter((h) => h.projectId === project.id).sort((a, b) => a.at.getTime() - b.at.getTime());
      expect(steps[0]).toMatchObject({ fromStage: null, toStage: 'RESERVE' });
      expect(steps.at(-1)!.toStage).toBe(project.stage);
      expect(steps.at(-1)!.at).toEqual(project.stageChangedAt);
      expect(project.version).toBe(steps.length);
      steps.slice(1).forEach((step, i) => expect(step.fromStage).toBe(steps[i].toStage));
      expect(project.investmentYuan! % 100).toBe(0);
    }
    const backs = history.filter((h) => h.fromStage && STAGES.indexOf(h.toStage) < STAGES.indexOf(h.fromStage));
    expect(backs).toHaveLength(1);
    expect(backs[0].reason).toBeTruthy();
  });

  it('assigns the three demo ambassador accounts at city, county and town level, and leaves gaps where no ambassador serves', async () => {
    const assignments = await all(AmbassadorAssignment);
    const byPerson = (username: string) => assignments.filter((a) => a.personId === demoAccountPersonId(username));
    expect(new Set(byPerson('ambassador').map((a) => `${a.level}@${a.regionCode}`))).toEqual(new Set(['CITY@990100']));
    expect(new Set(byPerson('linjiang.ambassador').map((a) => `${a.level}@${a.regionCode}`))).toEqual(new Set(['COUNTY@990102']));
    expect(new Set(byPerson('jiangbin.ambassador').map((a) => `${a.level}@${a.regionCode}`))).toEqual(new Set(['TOWN@990102001']));
    expect(assignments.every((a) => isWithin(a.targetRegionCode, a.regionCode))).toBe(true);
    const enterprises = await all(Enterprise);
    const jiangbinKey = enterprises.filter((e) => e.isKey && e.regionCode === '990102001');
    const jiangbin = await ok(COVERAGE, { code: '990102001' });
    // One of Jiangbin's key enterprises has no town ambassador: the demo's gap at the lowest level.
    expect(jiangbin).toMatchObject({ keyEnterprises: jiangbinKey.length, coveredKeyEnterprises: jiangbinKey.length - 1 });
    expect(jiangbin.enterpriseGaps.edges.map((e: any) => e.node.missingLevels)).toEqual([['TOWN']]);
    const city = await ok(COVERAGE, { code: DEMO_CITY_CODE });
    const gaps = enterprises.filter((e) => e.isKey && missing(assignments, 'enterpriseId', e).length).sort((a, b) => (a.creditCode < b.creditCode ? -1 : 1));
    expect(city.enterpriseGaps.totalCount).toBe(gaps.length);
    expect(city.enterpriseGaps.edges.map((e: any) => [e.node.enterprise.id, e.node.missingLevels])).toEqual(gaps.map((e) => [e.id, missing(assignments, 'enterpriseId', e)]));
    expect((await all(LeaderContact)).map((c) => c.leaderId).sort()).toEqual(
      [...Array(3).fill(demoAccountPersonId('city.leader')), ...Array(2).fill(demoAccountPersonId('linjiang.leader'))].sort(),
    );
  });

  it('counts the region statistics as the rows stand, for the city and every district', async () => {
    const [enterprises, projects, assignments, visits, demands] = [await all(Enterprise), await all(Project), await all(AmbassadorAssignment), await all(Visit), await all(Demand)];
    for (const code of [DEMO_CITY_CODE, ...DISTRICTS]) {
      const here = <T extends { regionCode: string }>(rows: T[]) => rows.filter((r) => isWithin(r.regionCode, code));
      const key = here(enterprises).filter((e) => e.isKey);
      const keyProjects = here(projects).filter((p) => p.isKey);
      const { at, value } = await readSteadily(demands.map((d) => d.dueAt.getTime()), async () => (await ok(STATS, { code }))[0].serviceStats);
      const open = here(demands).filter((d) => d.status !== 'CLOSED');
      expect(value, code).toEqual({
        enterprises: here(enterprises).length,
        keyEnterprises: key.length,
        monitoringPoints: here(enterprises).filter((e) => e.isMonitoringPoint).length,
        incubationPool: here(enterprises).filter((e) => e.inIncubationPool).length,
        openDemands: open.length,
        overdueDemands: open.filter((d) => d.dueAt.getTime() < at).length,
        projectsByStage: STAGES.map((stage) => ({ stage, count: here(projects).filter((p) => p.stage === stage).length })),
        keyProjects: keyProjects.length,
        coveredKeyEnterprises: key.filter((e) => !missing(assignments, 'enterpriseId', e).length).length,
        coveredKeyProjects: keyProjects.filter((p) => !missing(assignments, 'projectId', p).length).length,
        visitsThisMonth: here(visits).filter((v) => v.visitedAt >= startOfMonth(now())).length,
        visitsThisQuarter: here(visits).filter((v) => v.visitedAt >= startOfQuarter(now())).length,
      });
    }
  });

  it('links the demands raised on visits back to them, and counts them for each ambassador', async () => {
    const [visits, visitors, demands] = [await all(Visit), await all(VisitVisitor), await all(Demand)];
    const raised = demands.filter((d) => d.visitId);
    expect(raised.length).toBeGreaterThan(10);
    expect(demands.filter((d) => d.source === 'MONITORING_POINT' && d.photos?.length).length).toBeGreaterThan(0);
    for (const demand of raised) {
      const visit = visits.find((v) => v.id === demand.visitId)!;
      expect(demand.source).toBe('VISIT');
      expect([visit.enterpriseId, visit.visitedAt.getTime()]).toEqual([demand.enterpriseId, demand.raisedAt.getTime()]);
    }
    for (const username of ['ambassador', 'linjiang.ambassador', 'jiangbin.ambassador']) {
      const person = demoAccountPersonId(username);
      const theirVisits = new Set(visitors.filter((v) => v.personId === person).map((v) => v.visitId));
      const theirDemands = raised.filter((d) => theirVisits.has(d.visitId!));
      const served = (await all(AmbassadorAssignment)).filter((a) => a.personId === person && a.until === null);
      expect(await ok(AMBASSADOR_STATS, { personId: person }), username).toEqual({
        enterprises: served.filter((a) => a.enterpriseId).length,
        projects: served.filter((a) => a.projectId).length,
        visits: theirVisits.size,
        demandsRaised: theirDemands.length,
        demandsClosed: theirDemands.filter((d) => d.status === 'CLOSED').length,
      });
      expect(theirVisits.size, username).toBeGreaterThan(0);
    }
  });

  it('filters the enterprise list by industry, scale and the monitoring-point and incubation flags', async () => {
    const enterprises = await all(Enterprise);
    const LIST = `query($filter: EnterpriseFilter) { enterprises(filter: $filter, first: 100) { totalCount edges { node { id } } } }`;
    for (const [filter, keep] of [
      [{ industry: 'C' }, (e) => e.industry === 'C'],
      [{ scale: 'SMALL', inIncubationPool: true }, (e) => e.scale === 'SMALL' && e.inIncubationPool],
      [{ isMonitoringPoint: true, regionCode: '990102' }, (e) => e.isMonitoringPoint && e.regionCode.startsWith('990102')],
    ] as [Record<string, unknown>, (e: Enterprise) => boolean][]) {
      const expected = enterprises.filter(keep).sort((a, b) => (a.creditCode < b.creditCode ? -1 : 1)).map((e) => e.id);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      const list = await ok(LIST, { filter });
      expect(list.edges.map((e: any) => e.node.id), JSON.stringify(filter)).toEqual(expected);
      expect(list.totalCount).toBe(expected.length);
    }
  });

  it('seeds the registry only once', async () => {
    const counts = async () => [await subgraph.dataSource.getRepository(Project).count(), await subgraph.dataSource.getRepository(Visit).count(), await subgraph.dataSource.getRepository(AmbassadorAssignment).count()];
    const before = await counts();
    await enterpriseServiceSubgraph().seed!(subgraph.dataSource, subgraph.deps);
    expect(await counts()).toEqual(before);
  });
});
