import { demoAccountPersonId } from '@bizenv/common/demo-city';
import type { DomainEvent } from '@bizenv/common/event-bus';
import { stableId } from '@bizenv/common/stable-id';
import { databaseTargets, type DatabaseTarget } from '@bizenv/common/testing';
import { DemandTimelineEntry } from '@bizenv/enterprise-service/demand/demand-timeline-entry.entity';
import { Demand } from '@bizenv/enterprise-service/demand/demand.entity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from './support/system.js';

const TOWN = '990102001';
const MARKET = stableId('990102-market');
const ENTERPRISE = `{ enterprises(filter: { regionCode: "${TOWN}" }, first: 1) { edges { node { id } } } }`;
const RECORD = 'mutation($input: RecordVisitInput!) { recordVisit(input: $input) { demands { id version status } } }';
const ACT = 'mutation($i: ActOnDemandInput!) { actOnDemand(input: $i) { version status unit { id } dueAt replyDueAt closeDueAt light reply satisfaction } }';
const DEMAND = `query($id: ID!) { demand(id: $id) { status version reply satisfaction light unit { name }
  timeline { action fromStatus toStatus actorName reason reply satisfaction unit { name } } } }`;
const RATINGS = `query($code: ID!) { region(code: $code) { serviceStats { satisfaction demandRatings satisfiedDemandRatings } } }`;

/**
 * Enterprise demands in the complaints' closed loop, end to end through the gateway with the demo
 * accounts: the city's service ambassador steers, the Linjiang market regulator's handler handles.
 */
describe.each(await databaseTargets())('the demand closed loop through the gateway on $name', ({ create }) => {
  let target: DatabaseTarget;
  let system: TestSystem;
  let tokens: Record<'ambassador' | 'town' | 'handler' | 'otherHandler' | 'leader', string>;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    target = create();
    system = await startTestSystem(target);
    system.bus.subscribe((event) => events.push(event));
    const [ambassador, town, handler, otherHandler, leader] = await Promise.all(
      ['ambassador', 'jiangbin.ambassador', 'handler', 'handler.tax', 'city.leader'].map((login) => system.login(login)),
    );
    tokens = { ambassador, town, handler, otherHandler, leader };
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await target?.dispose();
  });

  /** 提出: a demand raised on the town ambassador's visit. */
  async function raise(title: string): Promise<string> {
    const enterpriseId = (await system.query(ENTERPRISE, {}, tokens.town)).data.enterprises.edges[0].node.id;
    const visitorIds = [demoAccountPersonId('jiangbin.ambassador')];
    const visit = await system.query(RECORD, { input: { enterpriseId, visitedAt: new Date().toISOString(), visitorIds, demands: [{ title }] } }, tokens.town);
    expect(visit.errors).toBeUndefined();
    return visit.data.recordVisit.demands[0].id;
  }

  const act = (token: string, id: string, action: string, expectedVersion: number, fields: Record<string, unknown> = {}) =>
    system.query(ACT, { i: { id, action, expectedVersion, ...fields } }, token);

  async function acts(id: string, steps: [string, string, Record<string, unknown>?][], firstVersion = 1) {
    const results = [];
    for (const [i, [token, action, fields]] of steps.entries()) {
      const result = await act(token, id, action, firstVersion + i, fields);
      expect(result.errors, action).toBeUndefined();
      results.push(result.data.actOnDemand);
    }
    return results;
  }

  const ratings = async () => (await system.query(RATINGS, { code: TOWN }, tokens.leader)).data.region.serviceStats;
  const ambassadorRatings = async () =>
    (await system.query('query($p: ID!) { ambassadorStats(personId: $p) { demandRatings demandSatisfaction } }', { p: demoAccountPersonId('jiangbin.ambassador') }, tokens.leader)).data
      .ambassadorStats;

  it('goes from dispatch to close with the enterprise’s rating, the close deadline governing once answered', async () => {
    const id = await raise('希望协调解决厂区周边道路破损问题');
    const [dispatched, accepted, replied, closed] = await acts(id, [
      [tokens.ambassador, 'DISPATCH', { unitId: MARKET }],
      [tokens.handler, 'ACCEPT'],
      [tokens.handler, 'REPLY', { reply: '已协调住建部门安排修复，预计两周内完工' }],
      [tokens.ambassador, 'CLOSE', { satisfaction: 'SATISFIED' }],
    ]);
    expect(dispatched).toMatchObject({ version: 2, status: 'DISPATCHED', unit: { id: MARKET }, light: 'GREEN' });
    expect(accepted.dueAt).toBe(accepted.replyDueAt);
    expect(replied).toMatchObject({ status: 'REPLIED', reply: '已协调住建部门安排修复，预计两周内完工' });
    expect(replied.dueAt).toBe(replied.closeDueAt);
    expect(replied.replyDueAt).toBe(accepted.replyDueAt);
    expect(closed).toMatchObject({ version: 5, status: 'CLOSED', satisfaction: 'SATISFIED', light: null });

    // The unit handler reads the reply and the timeline of their unit's demand.
    const { data } = await system.query(DEMAND, { id }, tokens.handler);
    expect(data.demand.timeline.map((t: any) => [t.action, t.fromStatus, t.toStatus])).toEqual([
      ['DISPATCH', 'AWAITING_DISPATCH', 'DISPATCHED'],
      ['ACCEPT', 'DISPATCHED', 'ACCEPTED'],
      ['REPLY', 'ACCEPTED', 'REPLIED'],
      ['CLOSE', 'REPLIED', 'CLOSED'],
    ]);
    expect(data.demand.timeline[0]).toMatchObject({ actorName: '市级服务大使', unit: { name: '临江区市场监督管理局' } });
    expect(data.demand.timeline[2]).toMatchObject({ actorName: '临江区市场监管局承办人', reply: '已协调住建部门安排修复，预计两周内完工' });
    expect(data.demand.timeline[3].satisfaction).toBe('SATISFIED');

    // Every step is a `demand.<status>` event the screens' feed shows, never with the reply.
    const topics = () => events.filter((e) => e.payload.id === id).map((e) => e.topic);
    await eventually(() => topics().includes('demand.closed'));
    expect(topics()).toEqual(['demand.received', 'demand.dispatched', 'demand.accepted', 'demand.replied', 'demand.closed']);
    for (const event of events.filter((e) => e.payload.id === id && e.topic !== 'demand.received')) {
      expect(Object.keys(event.payload).sort()).toEqual(['id', 'status', 'title', 'unitId', 'unitIds']);
      expect(event.payload.unitIds).toEqual([MARKET]);
    }
  });

  it('shows the steps in the screen’s dispatch feed', async () => {
    const client = system.subscribe(tokens.leader);
    const seen: any[] = [];
    let frames = 0;
    const stop = client.subscribe(
      { query: 'subscription { dispatchEvents(regionCode: "990102") { events { kind itemKind itemId title } } }' },
      { next: (frame: any) => (frames++, seen.push(...(frame.data?.dispatchEvents.events ?? []))), error: () => {}, complete: () => {} },
    );
    try {
      // The first frame is the snapshot: what follows is live.
      await eventually(() => frames > 0);
      const id = await raise('希望帮助对接银行贷款');
      await acts(id, [[tokens.ambassador, 'DISPATCH', { unitId: MARKET }], [tokens.handler, 'ACCEPT']]);
      const mine = () => seen.filter((e) => e.itemId === id);
      await eventually(() => mine().some((e) => e.kind === 'ACCEPTED'));
      expect(mine()).toEqual(
        ['RECEIVED', 'DISPATCHED', 'ACCEPTED'].map((kind) => ({ kind, itemKind: 'DEMAND', itemId: id, title: '希望帮助对接银行贷款' })),
      );
    } finally {
      stop();
      await client.dispose();
    }
  });

  it('returns to be dispatched again, and redoes on a dissatisfied follow-up, which counts in the satisfaction rate', async () => {
    const [before, ambassadorBefore] = [await ratings(), await ambassadorRatings()];
    const id = await raise('反映用水报装时间过长');
    const [, returned] = await acts(id, [
      [tokens.ambassador, 'DISPATCH', { unitId: MARKET }],
      [tokens.handler, 'RETURN', { reason: '用水报装不属于市场监管职责' }],
    ]);
    expect(returned).toMatchObject({ status: 'RETURNED', unit: null });
    // Returned: no longer the unit's, so its handler can do nothing with it.
    expect((await act(tokens.handler, id, 'ACCEPT', 3)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const [, , , redone, , closed] = await acts(
      id,
      [
        [tokens.ambassador, 'DISPATCH', { unitId: MARKET }],
        [tokens.handler, 'ACCEPT'],
        [tokens.handler, 'REPLY', { reply: '已督促供水公司办理' }],
        [tokens.ambassador, 'REDO', { reason: '企业反映仍未通水' }],
        [tokens.handler, 'REPLY', { reply: '已通水' }],
        [tokens.ambassador, 'CLOSE', { satisfaction: 'BASICALLY_SATISFIED' }],
      ],
      3,
    );
    expect(redone).toMatchObject({ status: 'ACCEPTED', satisfaction: 'DISSATISFIED' });
    // 重办 returns to the unit under the close deadline.
    expect(redone.dueAt).toBe(redone.closeDueAt);
    expect(closed).toMatchObject({ status: 'CLOSED', satisfaction: 'BASICALLY_SATISFIED', reply: '已通水' });
    const { data } = await system.query(DEMAND, { id }, tokens.ambassador);
    expect(data.demand.timeline.map((t: any) => t.action)).toEqual(['DISPATCH', 'RETURN', 'DISPATCH', 'ACCEPT', 'REPLY', 'REDO', 'REPLY', 'CLOSE']);
    expect(data.demand.timeline[1]).toMatchObject({ reason: '用水报装不属于市场监管职责', unit: { name: '临江区市场监督管理局' } });
    expect(data.demand.timeline[5]).toMatchObject({ reason: '企业反映仍未通水', satisfaction: 'DISSATISFIED' });

    // Two follow-ups, one satisfied; the rate is the share over every rating of the town's demands.
    const after = await ratings();
    expect(after.demandRatings).toBe(before.demandRatings + 2);
    expect(after.satisfiedDemandRatings).toBe(before.satisfiedDemandRatings + 1);
    expect(after.satisfaction).toBeCloseTo(after.satisfiedDemandRatings / after.demandRatings, 10);
    // The town ambassador raised it on their visit: their demands' ratings count it too.
    const ambassadorAfter = await ambassadorRatings();
    expect(ambassadorAfter.demandRatings).toBe(ambassadorBefore.demandRatings + 2);
    expect(ambassadorAfter.demandSatisfaction).toBeGreaterThan(0);
    expect(ambassadorAfter.demandSatisfaction).toBeLessThan(1);
  });

  it('counts the seeded ratings of the whole city from the timeline rows', async () => {
    const rows = await system.subgraphs.find((s) => s.name === 'enterprise-service')!.dataSource.getRepository(DemandTimelineEntry).find();
    const rated = rows.filter((r) => r.satisfaction);
    const satisfied = rated.filter((r) => r.satisfaction !== 'DISSATISFIED');
    const { data } = await system.query(RATINGS, { code: '990100' }, tokens.leader);
    expect(rated.length).toBeGreaterThan(0);
    expect(satisfied.length).toBeLessThan(rated.length);
    expect(data.region.serviceStats).toEqual({ satisfaction: satisfied.length / rated.length, demandRatings: rated.length, satisfiedDemandRatings: satisfied.length });
  });

  it('filters demands by their light as each demand shows it', async () => {
    const list = async (filter: Record<string, unknown>) =>
      (await system.query('query($f: DemandFilter) { demands(filter: $f, first: 100) { totalCount edges { node { id light overdue } } } }', { f: filter }, tokens.leader)).data.demands;
    const red = await list({ light: 'RED' });
    expect(red.totalCount).toBeGreaterThan(0);
    expect(red.totalCount).toBe((await list({ overdue: true })).totalCount);
    for (const light of ['RED', 'YELLOW', 'GREEN']) {
      const { edges } = await list({ light });
      for (const { node } of edges) expect(node.light, node.id).toBe(light);
    }
    const open = (await system.query(`{ region(code: "990100") { serviceStats { openDemands } } }`, {}, tokens.leader)).data.region.serviceStats.openDemands;
    const lit = await Promise.all(['RED', 'YELLOW', 'GREEN'].map(async (light) => (await list({ light })).totalCount));
    expect(lit.reduce((a, b) => a + b, 0)).toBe(open);
  });

  it('refuses the wrong unit, a stale version, a wrong state and a missing rating, storing nothing', async () => {
    const id = await raise('希望简化环评审批材料');
    await acts(id, [[tokens.ambassador, 'DISPATCH', { unitId: MARKET }]]);
    const dataSource = system.subgraphs.find((s) => s.name === 'enterprise-service')!.dataSource;
    const stored = async () => ({
      demand: await dataSource.getRepository(Demand).findOneByOrFail({ id }),
      steps: await dataSource.getRepository(DemandTimelineEntry).countBy({ demandId: id }),
    });
    const refusedWith = async (result: Promise<{ errors?: any[] }>, code: string, field?: string) => {
      const before = await stored();
      const { errors } = await result;
      expect(errors?.[0].extensions.code).toBe(code);
      if (field) expect(errors?.[0].extensions.field).toBe(field);
      expect(await stored()).toEqual(before);
    };
    await refusedWith(act(tokens.otherHandler, id, 'ACCEPT', 2), 'FORBIDDEN');
    await refusedWith(act(tokens.leader, id, 'ACCEPT', 2), 'FORBIDDEN');
    await refusedWith(act(tokens.handler, id, 'DISPATCH', 2, { unitId: MARKET }), 'FORBIDDEN');
    await refusedWith(act(tokens.handler, id, 'ACCEPT', 1), 'CONFLICT');
    await refusedWith(act(tokens.handler, id, 'REPLY', 2, { reply: '已办理' }), 'INVALID_TRANSITION');
    await refusedWith(act(tokens.ambassador, id, 'CLOSE', 2, { satisfaction: 'SATISFIED' }), 'INVALID_TRANSITION');
    // The other unit's handler may not even read it.
    expect((await system.query(DEMAND, { id }, tokens.otherHandler)).errors?.[0].extensions.code).toBe('FORBIDDEN');

    await acts(id, [[tokens.handler, 'ACCEPT'], [tokens.handler, 'REPLY', { reply: '已精简两项材料' }]], 2);
    await refusedWith(act(tokens.ambassador, id, 'CLOSE', 4), 'BAD_USER_INPUT', 'satisfaction');
    await refusedWith(act(tokens.ambassador, id, 'CLOSE', 4, { satisfaction: 'DISSATISFIED' }), 'BAD_USER_INPUT', 'satisfaction');
    await refusedWith(act(tokens.ambassador, id, 'CLOSE', 4, { satisfaction: 'SATISFIED', reply: '多余' }), 'BAD_USER_INPUT', 'reply');
    await refusedWith(act(tokens.ambassador, id, 'REDO', 4), 'BAD_USER_INPUT', 'reason');
    const closed = await act(tokens.ambassador, id, 'CLOSE', 4, { satisfaction: 'SATISFIED' });
    expect(closed.errors).toBeUndefined();
  });
});
