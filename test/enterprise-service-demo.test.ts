import { demoAccountPersonId } from '@bizenv/common/demo-city';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support/system.js';

const VIEWER = '{ viewer { id name } }';
const ASSIGNMENTS = `query($personId: ID!) { ambassadorAssignments(filter: { personId: $personId }, first: 100) {
  totalCount edges { node { level region { code name } person { id name } enterprise { id name } project { id name } } }
} }`;
const RECORD = `mutation($input: RecordVisitInput!) { recordVisit(input: $input) {
  id visitors { id name } enterprise { name } demands { id status source overdue visit { id } }
} }`;
const STATS = `query($code: ID!) { region(code: $code) { name serviceStats {
  enterprises keyEnterprises coveredKeyEnterprises openDemands visitsThisMonth projectsByStage { stage count }
} } }`;
const PROJECTS = `{ projects(filter: { regionCode: "990102001" }, first: 5) { totalCount edges { node {
  name stage investmentWanYuan stageHistory { toStage actorName } helpTeam { duty person { name } unit { name } }
} } } }`;

describe('enterprise service through the gateway, with the demo accounts', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({ name: 'embedded', dispose: async () => {} });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('knows the demo ambassadors as the organization’s people: a town ambassador records a visit in which a demand is raised', async () => {
    const token = await system.login('jiangbin.ambassador');
    const viewer = (await system.query(VIEWER, {}, token)).data.viewer;
    expect(viewer.id).toBe(demoAccountPersonId('jiangbin.ambassador'));
    const assignments = await system.query(ASSIGNMENTS, { personId: viewer.id }, token);
    expect(assignments.errors).toBeUndefined();
    const nodes = assignments.data.ambassadorAssignments.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node).toMatchObject({ level: 'TOWN', region: { code: '990102001', name: '江滨街道' }, person: { id: viewer.id, name: '江滨街道服务大使' } });

    const enterprise = nodes.find((n: any) => n.enterprise).enterprise;
    const before = (await system.query(STATS, { code: '990102001' }, token)).data.region.serviceStats;
    const visit = await system.query(
      RECORD,
      { input: { enterpriseId: enterprise.id, visitedAt: new Date().toISOString(), visitorIds: [viewer.id], demands: [{ title: '希望开通至园区的公交线路' }] } },
      token,
    );
    expect(visit.errors).toBeUndefined();
    expect(visit.data.recordVisit).toMatchObject({ visitors: [{ id: viewer.id, name: '江滨街道服务大使' }], enterprise: { name: enterprise.name } });
    expect(visit.data.recordVisit.demands).toEqual([expect.objectContaining({ status: 'AWAITING_DISPATCH', source: 'VISIT', overdue: false, visit: { id: visit.data.recordVisit.id } })]);
    const after = (await system.query(STATS, { code: '990102001' }, token)).data.region.serviceStats;
    expect(after).toMatchObject({ openDemands: before.openDemands + 1, visitsThisMonth: before.visitsThisMonth + 1 });
  });

  it('shows the city leader every stage’s projects with their help teams and ambassadors by name', async () => {
    const token = await system.login('city.leader');
    const stats = await system.query(STATS, { code: '990100' }, token);
    expect(stats.errors).toBeUndefined();
    expect(stats.data.region.serviceStats.projectsByStage.every((s: { count: number }) => s.count > 0)).toBe(true);
    const projects = await system.query(PROJECTS, {}, token);
    expect(projects.errors).toBeUndefined();
    const [first] = projects.data.projects.edges.map((e: any) => e.node);
    expect(first.stageHistory[0]).toMatchObject({ toStage: 'RESERVE', actorName: '市级服务大使' });
    expect(first.helpTeam.map((m: any) => m.person?.name ?? m.unit?.name)).toEqual(expect.arrayContaining(['市级服务大使', '江滨街道服务大使', '市商务局']));
    expect(first.investmentWanYuan).toMatch(/^\d+(\.\d{1,4})?$/);
  });
});
