import { Role, type Caller } from '@bizenv/common/auth';
import { clockOffsetMs, now, setClockOffset } from '@bizenv/common/clock';
import { shanghaiDate } from '@bizenv/common/working-days';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph, TEST_IDENTITY_KEYS } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Complaint } from '../src/complaint/complaint.entity.js';
import type { ComplaintService } from '../src/complaint/complaint.service.js';
import type { DuplicateService } from '../src/duplicate/duplicate.service.js';
import { rebuildDayTally } from '../src/stats/day-tally.js';
import { complaintsSubgraph } from '../src/subgraph.js';

const UNIT = '8a3f1c2e-0000-5000-a000-000000000001';
const hotline: Caller = { id: 'op-1', name: '受理员', roles: [Role.HOTLINE_OPERATOR], regionCode: '990100' };
const handler: Caller = { id: 'h-1', name: '承办人', roles: [Role.UNIT_HANDLER], regionCode: '990100', unitId: UNIT };
const screen: Caller = { id: 'screen-1', name: '大屏', roles: [Role.SCREEN], regionCode: '990100' };
const chengnanLeader: Caller = { id: 'leader-3', name: '城南区领导', roles: [Role.LEADER], regionCode: '990103' };
const DAY = 86_400_000;

const TREND = `query($code: ID!, $days: Int) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { complaintTrend(days: $days) { date received closed } } } }`;
const LIST = `query($filter: ComplaintFilter) { complaints(filter: $filter, first: 100) { totalCount edges { node { id light } } } }`;
const STATS = `query($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { complaintStats { open overdue dueSoon } } } }`;
const AT_START_OF_DAY = `query($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { complaintsAtStartOfDay { at open overdue dueSoon } } } }`;

describe.each(await databaseTargets())('the screen’s figures: 30-day trend, light filter, figures at 00:00 on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<{ complaints: ComplaintService; duplicates: DuplicateService }>;
  const call = (caller: Caller, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  const trend = async (code: string, days?: number, caller = screen) => {
    const result = await call(caller, TREND, { code, days });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data._entities[0].complaintTrend as { date: string; received: number; closed: number }[];
  };
  const day = (daysAgo: number) => shanghaiDate(new Date(now().getTime() - daysAgo * DAY));

  const receive = (regionCode: string, daysAgo: number) =>
    subgraph.deps.complaints.receive(hotline, { channel: 'HOTLINE_12345' as never, category: 'OTHER' as never, title: `趋势样本${++serial}`, content: `内容${serial}`, regionCode, receivedAt: new Date(now().getTime() - daysAgo * DAY) });
  /** Takes `c` through dispatch and acceptance to the reply, and to the close when `close`. */
  async function handle(c: Complaint, close: boolean) {
    const act = async (caller: Caller, input: Record<string, unknown>) => (c = await subgraph.deps.complaints.act(caller, { id: c.id, expectedVersion: c.version, ...input } as never));
    await act(hotline, { action: 'DISPATCH', unitId: UNIT });
    await act(handler, { action: 'ACCEPT' });
    await act(handler, { action: 'REPLY', reply: '已办理' });
    return close ? act(hotline, { action: 'CLOSE', satisfaction: 'SATISFIED' }) : c;
  }
  let serial = 0;
  async function complaint(regionCode: string, daysAgo: number, close = false) {
    const c = await receive(regionCode, daysAgo);
    return close ? handle(c, true) : c;
  }

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(complaintsSubgraph({ identity: TEST_IDENTITY_KEYS }), target, [], false);
    // 临江区: 2 today (1 closed today), 1 three days ago, 1 forty days ago closed today (outside a 30-day window's receipts)
    await complaint('990102001', 0);
    await complaint('990102002', 0, true);
    await complaint('990102001', 3);
    await complaint('990102001', 40, true);
    // 城南区: not in 临江区's trend
    await complaint('990103001', 1);
    // a merged duplicate drops out of the receipts of its day
    const survivor = await complaint('990102001', 5);
    const duplicate = await complaint('990102001', 5);
    await subgraph.deps.duplicates.merge(hotline, { duplicateId: duplicate.id, intoId: survivor.id, expectedDuplicateVersion: duplicate.version, expectedIntoVersion: survivor.version });
  }, 60_000);

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  it('lists every Shanghai day of the window, oldest first, zeros included, counted per region subtree', async () => {
    const week = await trend('990102', 7);
    expect(week.map((d) => d.date)).toEqual([6, 5, 4, 3, 2, 1, 0].map(day));
    expect(week).toEqual([
      { date: day(6), received: 0, closed: 0 },
      { date: day(5), received: 1, closed: 0 },
      { date: day(4), received: 0, closed: 0 },
      { date: day(3), received: 1, closed: 0 },
      { date: day(2), received: 0, closed: 0 },
      { date: day(1), received: 0, closed: 0 },
      { date: day(0), received: 2, closed: 2 },
    ]);
    const city = await trend('990100', 7);
    expect(city.find((d) => d.date === day(1))).toEqual({ date: day(1), received: 1, closed: 0 });
    // 30 by default
    const month = await trend('990102');
    expect(month).toHaveLength(30);
    expect(month.reduce((n, d) => n + d.received, 0)).toBe(4);
  });

  it('follows a new receipt at once, and the backfill recounts exactly what was kept step by step', async () => {
    const before = (await trend('990102', 1))[0];
    await complaint('990102003', 0);
    expect((await trend('990102', 1))[0]).toEqual({ ...before, received: before.received + 1 });
    const kept = await subgraph.dataSource.query('SELECT regionCode, day, measure, count FROM complaint_day_tally WHERE count <> 0 ORDER BY regionCode, day, measure');
    await rebuildDayTally(subgraph.dataSource.manager);
    const rebuilt = await subgraph.dataSource.query('SELECT regionCode, day, measure, count FROM complaint_day_tally WHERE count <> 0 ORDER BY regionCode, day, measure');
    expect(rebuilt.map((r: Record<string, unknown>) => ({ ...r, count: Number(r.count) }))).toEqual(kept.map((r: Record<string, unknown>) => ({ ...r, count: Number(r.count) })));
  });

  it('refuses a window outside 1–90 days and a region outside the caller’s scope', async () => {
    for (const days of [0, 91, -1]) {
      const result = await call(screen, TREND, { code: '990102', days });
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await trend('990102', 90)).toHaveLength(90);
    const outside = await call(chengnanLeader, TREND, { code: '990102', days: 7 });
    expect(outside.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lists complaints by light with the same rule as the counts: YELLOW = dueSoon, RED = overdue, all three = open', async () => {
    // one complaint in its yellow window now (the demo of a deadline close at hand)
    const yellow = await complaint('990102004', 0);
    await subgraph.dataSource.getRepository(Complaint).update({ id: yellow.id }, { yellowAt: new Date(now().getTime() - 3600_000), dueAt: new Date(now().getTime() + DAY) });
    const stats = (await call(hotline, STATS, { code: '990102' })).data._entities[0].complaintStats;
    expect(stats.dueSoon).toBeGreaterThan(0);
    const list = async (light: string) => (await call(hotline, LIST, { filter: { regionCode: '990102', light } })).data.complaints;
    const [red, amber, green] = [await list('RED'), await list('YELLOW'), await list('GREEN')];
    expect(amber.totalCount).toBe(stats.dueSoon);
    expect(amber.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(yellow.id);
    expect(red.totalCount).toBe(stats.overdue);
    expect(red.totalCount + amber.totalCount + green.totalCount).toBe(stats.open);
    for (const [connection, light] of [[red, 'RED'], [amber, 'YELLOW'], [green, 'GREEN']] as const) {
      expect(connection.edges.every((e: { node: { light: string } }) => e.node.light === light)).toBe(true);
    }
  });

  it('counts open and overdue complaints as they stood at 00:00 today, replaying today’s steps', async () => {
    // 江湾临港 (990172): all received 40 days ago, reply deadlines long passed
    await receive('990172001', 40); // still open
    const closedToday = await receive('990172001', 40);
    const repliedToday = await receive('990172001', 40);
    await complaint('990172001', 40, true); // closed before today: not open at 00:00
    // the next day: yesterday's steps lie before 00:00, today's after
    setClockOffset(clockOffsetMs() + DAY);
    await handle(closedToday, true);
    await handle(repliedToday, false);
    await receive('990172001', 0);
    const figures = async () => {
      const result = await call(screen, AT_START_OF_DAY, { code: '990172' });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return result.data._entities[0].complaintsAtStartOfDay;
    };
    const atStart = await figures();
    expect(new Date(atStart.at).toISOString()).toBe(new Date(`${shanghaiDate(now())}T00:00:00+08:00`).toISOString());
    // at 00:00 three were open and past their reply deadline: the one closed today and the one
    // replied today (then still under the reply deadline) among them; today's receipt is not
    expect(atStart).toMatchObject({ open: 3, overdue: 3, dueSoon: 0 });
    const current = (await call(screen, STATS, { code: '990172' })).data._entities[0].complaintStats;
    expect(current.open).toBe(3);
    // the same figures however often asked, and refused outside the caller's scope
    expect(await figures()).toEqual(atStart);
    const outside = await call(chengnanLeader, AT_START_OF_DAY, { code: '990172' });
    expect(outside.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
