import { demoAccountPersonId } from '@bizenv/common/demo-city';
import { stableId } from '@bizenv/common/stable-id';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from './support/system.js';

const FEED = /* GraphQL */ `
  subscription Feed($regionCode: ID!, $after: String) {
    dispatchEvents(regionCode: $regionCode, after: $after) { version reset events { position kind itemKind itemId title regionCode } }
  }
`;
const RECEIVE = 'mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id version } }';
const DISPATCH = 'mutation($input: DispatchComplaintInput!) { dispatchComplaint(input: $input) { id } }';
const UNIT = '8a3f1c2e-0000-5000-a000-000000000001';

const complaint = (regionCode: string, title: string) => ({
  input: { channel: 'HOTLINE_12345', category: 'BUCK_PASSING', title, content: '内容', regionCode },
});

describe('the dispatch feed', () => {
  let system: TestSystem;
  let hotline: string;

  beforeAll(async () => {
    system = await startTestSystem({ name: 'embedded', dispose: async () => {} });
    hotline = await system.login('hotline');
  });

  afterAll(async () => {
    await system?.stop();
  });

  function watch(token: string, variables: Record<string, unknown>) {
    const client = system.subscribe(token);
    const frames: any[] = [];
    const stop = client.subscribe({ query: FEED, variables }, { next: (f) => frames.push(f), error: (e) => frames.push({ errors: e }), complete: () => {} });
    return { frames, close: async () => (stop(), await client.dispose()) };
  }

  const eventsOf = (frames: any[]) => frames.flatMap((f) => f.data?.dispatchEvents.events ?? []);

  it('streams the subtree’s dispatch events in order, and nothing from elsewhere', async () => {
    const feed = watch(hotline, { regionCode: '990102' });
    try {
      const first = await eventually(() => feed.frames[0]);
      expect(first.data.dispatchEvents.reset).toBe(true);
      const received = (await system.query(RECEIVE, complaint('990102002', '临江区的投诉'), hotline)).data.receiveComplaint;
      await system.query(RECEIVE, complaint('990103001', '城南区的投诉'), hotline);
      await system.query(DISPATCH, { input: { id: received.id, unitId: UNIT, expectedVersion: 1 } }, hotline);
      const events = await eventually(() => (eventsOf(feed.frames).length >= 2 ? eventsOf(feed.frames) : undefined));
      expect(events.map((e: any) => [e.kind, e.itemKind, e.itemId, e.title, e.regionCode])).toEqual([
        ['RECEIVED', 'COMPLAINT', received.id, '临江区的投诉', '990102002'],
        ['DISPATCHED', 'COMPLAINT', received.id, '临江区的投诉', '990102002'],
      ]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(eventsOf(feed.frames).some((e: any) => e.regionCode.startsWith('990103'))).toBe(false);
    } finally {
      await feed.close();
    }
  });

  it('resumes after a reconnect from the last version with exactly the missed events', async () => {
    const first = watch(hotline, { regionCode: '990104' });
    await system.query(RECEIVE, complaint('990104001', '断线前'), hotline);
    await eventually(() => eventsOf(first.frames).length === 1);
    const version = first.frames.at(-1).data.dispatchEvents.version;
    await first.close();

    await system.query(RECEIVE, complaint('990104002', '断线期间一'), hotline);
    await system.query(RECEIVE, complaint('990121001', '别区'), hotline);
    await system.query(RECEIVE, complaint('990104003', '断线期间二'), hotline);

    const resumed = watch(hotline, { regionCode: '990104', after: version });
    try {
      const frame = await eventually(() => resumed.frames[0]);
      expect(frame.data.dispatchEvents.reset).toBe(false);
      expect(frame.data.dispatchEvents.events.map((e: any) => e.title)).toEqual(['断线期间一', '断线期间二']);
    } finally {
      await resumed.close();
    }
  });

  it('answers a version it cannot continue from with a fresh snapshot, never a gap', async () => {
    const feed = watch(hotline, { regionCode: '990104', after: '1-0' });
    try {
      const frame = await eventually(() => feed.frames[0]);
      expect(frame.data.dispatchEvents.reset).toBe(true);
      expect(frame.data.dispatchEvents.events.map((e: any) => e.title)).toEqual(['断线前', '断线期间一', '断线期间二']);
    } finally {
      await feed.close();
    }
  });

  it('keeps a district leader to their district', async () => {
    const leader = await system.login('linjiang.leader');
    const feed = watch(leader, { regionCode: '990100' });
    try {
      const frame = await eventually(() => feed.frames[0]);
      expect(frame.errors?.[0].extensions.code).toBe('FORBIDDEN');
    } finally {
      await feed.close();
    }
  });

  it('announces items turning overdue when their time comes', async () => {
    const feed = watch(hotline, { regionCode: '990172' });
    try {
      await eventually(() => feed.frames[0]);
      const admin = await system.login('admin');
      await system.query('mutation { advanceClock(seconds: 5184000) { now } }', {}, admin);
      const overdue = await eventually(() => eventsOf(feed.frames).filter((e: any) => e.kind === 'TURNED_OVERDUE'));
      expect(overdue.length).toBeGreaterThan(0);
      expect(overdue.every((e: any) => e.regionCode.startsWith('990172') && e.title)).toBe(true);
      expect(new Set(overdue.map((e: any) => e.itemKind))).toContain('COMPLAINT');
    } finally {
      await feed.close();
    }
  });

  it('shows a unit operator only its own unit’s items (lead or co-unit), turning overdue included', async () => {
    const own = stableId('990102-market');
    const other = stableId('990102-gov-data');
    const handler = await system.login('handler');
    const feed = watch(handler, { regionCode: '990102' });
    try {
      await eventually(() => feed.frames[0]);
      const receive = async (title: string) => (await system.query(RECEIVE, complaint('990102003', title), hotline)).data.receiveComplaint.id;
      const [led, helped, elsewhere] = [await receive('本单位牵头'), await receive('本单位协办'), await receive('别的单位')];
      await system.query(DISPATCH, { input: { id: led, unitId: own, expectedVersion: 1 } }, hotline);
      await system.query(DISPATCH, { input: { id: helped, unitId: other, coUnitIds: [own], expectedVersion: 1 } }, hotline);
      await system.query(DISPATCH, { input: { id: elsewhere, unitId: other, expectedVersion: 1 } }, hotline);
      const admin = await system.login('admin');
      await system.query('mutation { advanceClock(seconds: 5184000) { now } }', {}, admin);
      const mine = (e: any) => e.itemId === led || e.itemId === helped;
      await eventually(() => eventsOf(feed.frames).filter((e: any) => mine(e) && e.kind === 'TURNED_OVERDUE').length === 2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const seen = eventsOf(feed.frames).filter((e: any) => [led, helped, elsewhere].includes(e.itemId));
      expect(seen.map((e: any) => [e.kind, e.title]).sort()).toEqual([
        ['DISPATCHED', '本单位协办'], ['DISPATCHED', '本单位牵头'], ['TURNED_OVERDUE', '本单位协办'], ['TURNED_OVERDUE', '本单位牵头'],
      ]);
      // Nothing of another unit's items, nor items not dispatched yet, ever reaches it.
      const all = eventsOf(feed.frames);
      expect(all.filter((e: any) => e.kind === 'RECEIVED' || e.itemId === elsewhere)).toEqual([]);
    } finally {
      await feed.close();
    }
  });

  it('shows a unit operator the demands dispatched to its unit, and the one it returned, never others', async () => {
    const own = stableId('990102-market');
    const other = stableId('990102-gov-data');
    const handler = await system.login('handler');
    const ambassador = await system.login('ambassador');
    const feed = watch(handler, { regionCode: '990102' });
    try {
      await eventually(() => feed.frames[0]);
      // demands raised on a visit to an enterprise of 江滨街道, each awaiting dispatch
      const enterprise = await system.query('{ enterprises(filter: { regionCode: "990102001" }, first: 1) { edges { node { id } } } }', {}, ambassador);
      const visit = await system.query(
        'mutation($input: RecordVisitInput!) { recordVisit(input: $input) { demands { id version } } }',
        {
          input: {
            enterpriseId: enterprise.data.enterprises.edges[0].node.id,
            visitedAt: new Date().toISOString(),
            visitorIds: [demoAccountPersonId('ambassador')],
            demands: [{ title: '本单位的诉求' }, { title: '退回的诉求' }, { title: '别的单位的诉求' }],
          },
        },
        ambassador,
      );
      const [mine, returned, elsewhere] = visit.data.recordVisit.demands;
      const act = (id: string, action: string, version: number, extra: Record<string, unknown>, token: string) =>
        system.query('mutation($i: ActOnDemandInput!) { actOnDemand(input: $i) { version } }', { i: { id, action, expectedVersion: version, ...extra } }, token);
      expect((await act(mine.id, 'DISPATCH', mine.version, { unitId: own }, ambassador)).errors).toBeUndefined();
      expect((await act(returned.id, 'DISPATCH', returned.version, { unitId: own }, ambassador)).errors).toBeUndefined();
      expect((await act(returned.id, 'RETURN', returned.version + 1, { reason: '不属于本单位职责' }, handler)).errors).toBeUndefined();
      expect((await act(elsewhere.id, 'DISPATCH', elsewhere.version, { unitId: other }, ambassador)).errors).toBeUndefined();
      const ours = (e: any) => e.itemKind === 'DEMAND' && [mine.id, returned.id, elsewhere.id].includes(e.itemId);
      await eventually(() => eventsOf(feed.frames).filter(ours).length >= 3);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(eventsOf(feed.frames).filter(ours).map((e: any) => [e.kind, e.itemId]).sort()).toEqual(
        [['DISPATCHED', mine.id], ['DISPATCHED', returned.id], ['RETURNED', returned.id]].sort(),
      );
    } finally {
      await feed.close();
    }
  });
});
