import { Role, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { inTransaction } from '@bizenv/common/data-source';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { isWithin } from '@bizenv/common/region-code';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, readSteadily, startTestSubgraph, TEST_IDENTITY_KEYS } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplaintCategory } from '../src/complaint/complaint-enums.js';
import { ComplaintTimelineEntry } from '../src/complaint/complaint-timeline-entry.entity.js';
import { Complaint } from '../src/complaint/complaint.entity.js';
import type { ComplaintService } from '../src/complaint/complaint.service.js';
import { ComplaintMerge } from '../src/duplicate/complaint-merge.entity.js';
import type { DuplicateService } from '../src/duplicate/duplicate.service.js';
import { rebuildStatTally } from '../src/stats/stat-tally.js';
import { complaintsSubgraph } from '../src/subgraph.js';

const unit = (n: number) => `8a3f1c2e-0000-5000-a000-${String(n).padStart(12, '0')}`;
const ONE = unit(1); // 1 item, overdue
const BUSY = unit(2); // 100 items in 临江区, 10 overdue (plus some in 城南区)
const SLOW = unit(3); // 10 items, 5 overdue (3 open, 2 closed late)
const hotline: Caller = { id: 'op-1', name: '受理员', roles: [Role.HOTLINE_OPERATOR], regionCode: '990100' };
const handlerOf = (unitId: string): Caller => ({ id: `h-${unitId.slice(-1)}`, name: '承办人', roles: [Role.UNIT_HANDLER], regionCode: '990100', unitId });
const screen: Caller = { id: 'screen-1', name: '大屏', roles: [Role.SCREEN], regionCode: '990100' };
const linjiangLeader: Caller = { id: 'leader-2', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };
const chengnanLeader: Caller = { id: 'leader-3', name: '城南区领导', roles: [Role.LEADER], regionCode: '990103' };
const DAY = 86_400_000;
const CATEGORIES = Object.values(ComplaintCategory);

const STATS_FIELDS = `total open overdue dueSoon byDispatchStatus { status count } merged byCategory { category count }
  rates { replied repliedOnTime responseRate closed resolutionRate rated satisfied satisfactionRate closedOnTime onTimeRate }`;
const REGION_STATS = `query($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { complaintStats { ${STATS_FIELDS} } } } }`;
const UNIT_STATS = `query($id: ID!, $region: ID) { _entities(representations: [{ __typename: "Unit", id: $id }]) { ... on Unit { complaintStats(regionCode: $region) { ${STATS_FIELDS} } } } }`;
const RANKING = `query($code: ID!, $first: Int, $order: RankingOrder) { unitComplaintRanking(regionCode: $code, first: $first, order: $order) {
  rank unit { id } handled overdue overdueOpen overdueRate smoothedOverdueRate } }`;

describe.each(await databaseTargets())('complaint statistics and unit rankings on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<{ complaints: ComplaintService; duplicates: DuplicateService }>;

  const call = (caller: Caller, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  const ok = async (caller: Caller, query: string, variables: Record<string, unknown> = {}) => {
    const result = await call(caller, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data;
  };

  let serial = 0;
  /** One complaint through the service (the same code the API runs), taken as far as `steps` say. */
  async function complaint(options: { unitId?: string; regionCode?: string; daysAgo?: number; steps?: ('ACCEPT' | 'REPLY' | 'CLOSE' | 'REDO' | 'REJECT')[] }) {
    const { complaints } = subgraph.deps;
    const category = CATEGORIES[serial++ % CATEGORIES.length];
    const receivedAt = new Date(now().getTime() - (options.daysAgo ?? 0) * DAY);
    let c = await complaints.receive(hotline, { channel: 'HOTLINE_12345' as never, category, title: `统计样本${serial}`, content: `第${serial}件：${'甲乙丙丁'.repeat(serial % 7)}`, regionCode: options.regionCode ?? '990102001', receivedAt });
    const act = async (caller: Caller, input: Record<string, unknown>) => (c = await complaints.act(caller, { id: c.id, expectedVersion: c.version, ...input } as never));
    if (options.steps?.[0] === 'REJECT') return act(hotline, { action: 'REJECT', reason: '不属于受理范围' });
    if (!options.unitId) return c;
    await act(hotline, { action: 'DISPATCH', unitId: options.unitId });
    const handler = handlerOf(options.unitId);
    for (const step of options.steps ?? []) {
      if (step === 'ACCEPT') await act(handler, { action: 'ACCEPT' });
      if (step === 'REPLY') await act(handler, { action: 'REPLY', reply: '已办理' });
      if (step === 'CLOSE') await act(hotline, { action: 'CLOSE', satisfaction: serial % 3 ? 'SATISFIED' : 'BASICALLY_SATISFIED' });
      if (step === 'REDO') await act(hotline, { action: 'REDO', reason: '回访不满意' });
    }
    return c;
  }
  const FULL = ['ACCEPT', 'REPLY', 'CLOSE'] as const;

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(complaintsSubgraph({ identity: TEST_IDENTITY_KEYS }), target, [], false);
    await complaint({ unitId: ONE, daysAgo: 60 });
    for (let i = 0; i < 10; i++) await complaint({ unitId: BUSY, daysAgo: 60, steps: i % 2 ? ['ACCEPT'] : [] });
    for (let i = 0; i < 20; i++) await complaint({ unitId: BUSY, steps: [...FULL] });
    for (let i = 0; i < 68; i++) await complaint({ unitId: BUSY, steps: i % 3 ? ['ACCEPT'] : [] });
    await complaint({ unitId: BUSY, steps: ['ACCEPT', 'REPLY', 'REDO'] });
    await complaint({ unitId: BUSY, steps: ['ACCEPT', 'REPLY', 'REDO', 'REPLY', 'CLOSE'] });
    for (let i = 0; i < 3; i++) await complaint({ unitId: SLOW, daysAgo: 60 });
    for (let i = 0; i < 2; i++) await complaint({ unitId: SLOW, daysAgo: 60, steps: [...FULL] });
    for (let i = 0; i < 5; i++) await complaint({ unitId: SLOW, steps: ['ACCEPT'] });
    // Outside 临江区: counted for the city and 城南区 only.
    for (let i = 0; i < 4; i++) await complaint({ unitId: BUSY, regionCode: '990103001', daysAgo: 60 });
    await complaint({ regionCode: '990103002' });
    // Around their reply deadline now: some yellow (due soon), some red, whatever today is.
    for (let days = 5; days <= 12; days++) await complaint({ regionCode: '990102002', daysAgo: days });
    await complaint({ steps: ['REJECT'] });
    // A merged duplicate: counted nowhere but `merged`.
    const survivor = await complaint({ unitId: SLOW, steps: ['ACCEPT'] });
    const duplicate = await complaint({ unitId: BUSY, daysAgo: 60 });
    await subgraph.deps.duplicates.merge(hotline, { duplicateId: duplicate.id, intoId: survivor.id, expectedDuplicateVersion: duplicate.version, expectedIntoVersion: survivor.version });
  }, 120_000);

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  /** The statistics recounted from the complaints and their timelines, as the schema defines them. */
  async function expected(regionCode: string, unitId: string | undefined, at: number) {
    const merged = new Set((await subgraph.dataSource.getRepository(ComplaintMerge).find()).map((m) => m.duplicateId));
    const entries = await subgraph.dataSource.getRepository(ComplaintTimelineEntry).find({ order: { at: 'ASC', id: 'ASC' } });
    const all = (await subgraph.dataSource.getRepository(Complaint).find()).filter((c) => isWithin(c.regionCode, regionCode));
    const inScope = all.filter((c) => !unitId || c.unitId === unitId);
    const counted = inScope.filter((c) => !merged.has(c.id));
    const byId = new Map(all.map((c) => [c.id, c]));
    const facts = entries.filter((e) => byId.has(e.complaintId) && (!unitId || e.unitId === unitId));
    const firstReplies = facts.filter((e) => e.action === 'REPLY' && entries.find((f) => f.complaintId === e.complaintId && f.action === 'REPLY') === e);
    const closes = facts.filter((e) => e.action === 'CLOSE' || e.action === 'REJECT');
    const open = counted.filter((c) => c.dispatchStatus !== DispatchStatus.CLOSED);
    const overdue = open.filter((c) => c.dueAt.getTime() < at).length;
    const dueSoon = open.filter((c) => c.yellowAt !== null && c.yellowAt.getTime() <= at && c.dueAt.getTime() >= at).length;
    const closed = counted.length - open.length;
    const ratio = (a: number, b: number) => (b ? a / b : null);
    const rates = {
      replied: firstReplies.length,
      repliedOnTime: firstReplies.filter((e) => e.at <= byId.get(e.complaintId)!.replyDueAt).length,
      closed,
      rated: facts.filter((e) => e.action === 'CLOSE' || e.action === 'REDO').length,
      satisfied: facts.filter((e) => e.action === 'CLOSE').length,
      closedOnTime: closes.filter((e) => e.at <= byId.get(e.complaintId)!.closeDueAt).length,
    };
    return {
      total: counted.length,
      open: open.length,
      overdue,
      dueSoon,
      byDispatchStatus: Object.values(DispatchStatus).map((status) => ({ status, count: counted.filter((c) => c.dispatchStatus === status).length })),
      merged: inScope.filter((c) => merged.has(c.id)).length,
      byCategory: CATEGORIES.map((category) => ({ category, count: counted.filter((c) => c.category === category).length })),
      rates: {
        ...rates,
        responseRate: ratio(rates.repliedOnTime, rates.replied),
        resolutionRate: ratio(closed, counted.length),
        satisfactionRate: ratio(rates.satisfied, rates.rated),
        onTimeRate: ratio(rates.closedOnTime, closed + overdue),
      },
    };
  }

  const steadily = async <T>(read: () => Promise<T>) => {
    const rows = await subgraph.dataSource.getRepository(Complaint).find();
    return readSteadily(
      rows.flatMap((c) => [c.dueAt.getTime(), c.yellowAt?.getTime() ?? 0]),
      read,
    );
  };

  it('counts each region subtree as recounted from the items: statuses, categories, rates', async () => {
    for (const code of ['990100', '990102', '990103', '990102001']) {
      const { at, value } = await steadily(async () => (await ok(hotline, REGION_STATS, { code }))._entities[0].complaintStats);
      expect(value, code).toEqual(await expected(code, undefined, at));
    }
    const city = (await ok(hotline, REGION_STATS, { code: '990100' }))._entities[0].complaintStats;
    // The sample is what it says: so the comparison above covered real numbers.
    expect(city).toMatchObject({ merged: 1, rates: { rated: 25, satisfied: 23 } });
    expect(city.rates.closed).toBe(24);
    expect(city.rates.responseRate).toBeGreaterThan(0);
    expect(city.rates.responseRate).toBeLessThan(1);
  });

  it('counts each lead unit, within the region asked or the caller’s own', async () => {
    for (const [unitId, region] of [
      [BUSY, '990102'],
      [BUSY, '990103'],
      [BUSY, null],
      [SLOW, null],
      [ONE, '990102001'],
    ] as const) {
      const caller = region === '990103' ? chengnanLeader : hotline;
      const { at, value } = await steadily(async () => (await ok(caller, UNIT_STATS, { id: unitId, region }))._entities[0].complaintStats);
      expect(value, `${unitId} ${region}`).toEqual(await expected(region ?? caller.regionCode, unitId, at));
    }
    const busy = (await ok(hotline, UNIT_STATS, { id: BUSY, region: '990102' }))._entities[0].complaintStats;
    expect(busy).toMatchObject({ total: 100, overdue: 10, merged: 1 });
    const refused = await call(linjiangLeader, UNIT_STATS, { id: BUSY, region: '990100' });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('ranks units by smoothed overdue rate: busy 10 of 100 beats slow 5 of 10, and 1 of 1 is not ranked', async () => {
    const ranking = (await ok(screen, RANKING, { code: '990102' })).unitComplaintRanking;
    expect(ranking.map((r: any) => [r.unit.id, r.rank, r.handled, r.overdue, r.overdueOpen])).toEqual([
      [BUSY, 1, 100, 10, 10],
      [SLOW, 2, 11, 5, 3],
      [ONE, null, 1, 1, 1],
    ]);
    expect(ranking[2].overdueRate).toBe(1);
    const prior = 16 / 112;
    expect(ranking[0].smoothedOverdueRate).toBeCloseTo((10 + 10 * prior) / 110, 10);
    expect(ranking[1].smoothedOverdueRate).toBeCloseTo((5 + 10 * prior) / 21, 10);

    const worst = (await ok(screen, RANKING, { code: '990102', order: 'WORST_FIRST', first: 2 })).unitComplaintRanking;
    expect(worst.map((r: any) => r.unit.id)).toEqual([SLOW, BUSY]);
    // The same as a Region field, for the screen's live subscription.
    const onRegion = await ok(screen, `{ _entities(representations: [{ __typename: "Region", code: "990102" }]) { ... on Region {
      unitComplaintRanking(first: 2, order: WORST_FIRST) { rank unit { id } handled overdue overdueOpen overdueRate smoothedOverdueRate } } } }`);
    expect(onRegion._entities[0].unitComplaintRanking).toEqual(worst);
    // Only the region's complaints count: 城南区 has BUSY's 4 overdue ones and nothing else ranked.
    const chengnan = (await ok(chengnanLeader, RANKING, { code: '990103' })).unitComplaintRanking;
    expect(chengnan.map((r: any) => [r.unit.id, r.rank, r.handled, r.overdue])).toEqual([[BUSY, null, 4, 4]]);
  });

  it('gives a unit operator its own unit’s statistics and ranking row only', async () => {
    const slow = handlerOf(SLOW);
    const own = (await ok(slow, UNIT_STATS, { id: SLOW, region: '990102' }))._entities[0].complaintStats;
    expect(own).toEqual((await ok(hotline, UNIT_STATS, { id: SLOW, region: '990102' }))._entities[0].complaintStats);
    expect((await call(slow, UNIT_STATS, { id: BUSY, region: '990102' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await call(slow, UNIT_STATS, { id: BUSY, region: null })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Its row keeps its rank among all the region's units, whatever `first` cuts off for others.
    const row = [[SLOW, 2, 11, 5, 3]];
    const rowsOf = (ranking: any[]) => ranking.map((r: any) => [r.unit.id, r.rank, r.handled, r.overdue, r.overdueOpen]);
    expect(rowsOf((await ok(slow, RANKING, { code: '990102', first: 1 })).unitComplaintRanking)).toEqual(row);
    const onRegion = await ok(slow, `{ _entities(representations: [{ __typename: "Region", code: "990102" }]) { ... on Region {
      unitComplaintRanking(first: 1) { rank unit { id } handled overdue overdueOpen } } } }`);
    expect(rowsOf(onRegion._entities[0].unitComplaintRanking)).toEqual(row);
    expect((await ok(handlerOf(unit(9)), RANKING, { code: '990102' })).unitComplaintRanking).toEqual([]);
    const unitless: Caller = { ...slow, unitId: undefined };
    expect((await call(unitless, RANKING, { code: '990102' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await call(unitless, UNIT_STATS, { id: SLOW, region: '990102' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps the tally live exactly as a rebuild from the complaints and timelines (the migration, the seed) counts it', async () => {
    const read = async () =>
      ((await subgraph.dataSource.query('SELECT regionCode, unitId, category, measure, count FROM complaint_stat_tally')) as { count: number | string }[])
        .map((row) => ({ ...row, count: Number(row.count) }))
        .filter((row) => row.count !== 0)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const live = await read();
    expect(live.length).toBeGreaterThan(20);
    await inTransaction(subgraph.dataSource, (manager) => rebuildStatTally(manager));
    expect(await read()).toEqual(live);
  });

  it('refuses a ranking outside the caller’s region or with a bad size', async () => {
    const cases: [Caller, Record<string, unknown>, string][] = [
      [chengnanLeader, { code: '990102' }, 'FORBIDDEN'],
      [linjiangLeader, { code: '990100' }, 'FORBIDDEN'],
      [hotline, { code: '9901020' }, 'BAD_USER_INPUT'],
      [hotline, { code: '990102', first: 0 }, 'BAD_USER_INPUT'],
      [hotline, { code: '990102', first: 101 }, 'BAD_USER_INPUT'],
    ];
    for (const [caller, variables, code] of cases) {
      const result = await call(caller, RANKING, variables);
      expect(result.errors?.[0].extensions?.code, JSON.stringify(variables)).toBe(code);
    }
  });
});
