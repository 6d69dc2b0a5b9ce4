import { demoAccountPersonId } from '@bizenv/common/demo-city';
import type { DomainEvent } from '@bizenv/common/event-bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from './support/system.js';

const embedded = { name: 'embedded' as const, dispose: async () => {} };
const ADVANCE = 'mutation($s: Int!) { advanceClock(seconds: $s) { now offsetSeconds } }';
const RECORD = 'mutation($input: RecordVisitInput!) { recordVisit(input: $input) { demands { id } } }';
const DEMAND = 'query($id: ID!) { demand(id: $id) { overdue light } }';
const COUNTS = 'query($code: ID!) { region(code: $code) { complaintStats { open overdue } taskStats { open overdue } serviceStats { openDemands overdueDemands } } }';

describe('the test clock', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem(embedded);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('moves every deadline, count and live frame forward together', async () => {
    const admin = await system.login('admin');
    // not the screen account: a screen token runs only the screen's own documents
    const viewer = await system.login('city.leader');
    // A demand raised in a visit just now: counted open, and overdue once its reply deadline passed.
    const town = await system.login('jiangbin.ambassador');
    const enterprise = (await system.query('{ enterprises(filter: { regionCode: "990102001" }, first: 1) { edges { node { id } } } }', {}, town)).data.enterprises.edges[0].node;
    const visitorIds = [demoAccountPersonId('jiangbin.ambassador')];
    const visit = await system.query(RECORD, { input: { enterpriseId: enterprise.id, visitedAt: new Date().toISOString(), visitorIds, demands: [{ title: '希望协调解决员工通勤班车' }] } }, town);
    expect(visit.errors).toBeUndefined();
    const demandId = visit.data.recordVisit.demands[0].id;
    expect((await system.query(DEMAND, { id: demandId }, viewer)).data.demand).toEqual({ overdue: false, light: 'GREEN' });
    const events: DomainEvent[] = [];
    const unsubscribeBus = system.bus.subscribe((event) => events.push(event));
    const before = (await system.query(COUNTS, { code: '990100' }, viewer)).data.region;
    const client = system.subscribe(viewer);
    const frames: any[] = [];
    const unsubscribe = client.subscribe(
      { query: 'subscription { regionStats(code: "990100") { complaintStats { overdue } taskStats { overdue } serviceStats { overdueDemands } } }' },
      { next: (f) => frames.push({ ...f, at: Date.now() }), error: () => {}, complete: () => {} },
    );
    try {
      await eventually(() => frames[0]);
      const sentAt = Date.now();
      // 60 days on: every open complaint and demand is past its deadline, and most tasks.
      const moved = await system.query(ADVANCE, { s: 60 * 86_400 }, admin);
      expect(moved.errors).toBeUndefined();
      expect(moved.data.advanceClock.offsetSeconds).toBe(60 * 86_400);
      expect(new Date(moved.data.advanceClock.now).getTime() - Date.now()).toBeGreaterThan(59 * 86_400_000);

      const after = (await system.query(COUNTS, { code: '990100' }, viewer)).data.region;
      expect(after.complaintStats.overdue).toBe(before.complaintStats.open);
      expect(after.serviceStats.overdueDemands).toBe(before.serviceStats.openDemands);
      expect(after.taskStats.overdue).toBeGreaterThan(before.taskStats.overdue);

      const frame = await eventually(() => frames.find((f) => f.data?.regionStats.complaintStats.overdue === after.complaintStats.overdue));
      expect(frame.data.regionStats.taskStats.overdue).toBe(after.taskStats.overdue);
      expect(frame.data.regionStats.serviceStats.overdueDemands).toBe(after.serviceStats.overdueDemands);
      expect(frame.at - sentAt).toBeLessThan(1000);

      expect((await system.query(DEMAND, { id: demandId }, viewer)).data.demand).toEqual({ overdue: true, light: 'RED' });
      const topics = () => events.filter((e) => e.payload.id === demandId).map((e) => e.topic);
      await eventually(() => topics().includes('demand.overdue'));
      // Its yellow and its red light, each announced once (two watchers: in no set order after a jump).
      expect(topics().sort()).toEqual(['demand.due-soon', 'demand.overdue']);
    } finally {
      unsubscribeBus();
      unsubscribe();
      await client.dispose();
    }
  });

  it('is for administrators only and never goes back', async () => {
    const leader = await system.login('city.leader');
    expect((await system.query(ADVANCE, { s: 60 }, leader)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const admin = await system.login('admin');
    expect((await system.query(ADVANCE, { s: 0 }, admin)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'seconds' });
    expect((await system.query(ADVANCE, { s: -3600 }, admin)).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('the test clock in production mode', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem(embedded, { production: true });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('does not exist', async () => {
    const result = await system.query(ADVANCE, { s: 60 });
    expect(result.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0].message).toContain('Cannot query field "advanceClock"');
    expect(result.data).toBeUndefined();
  });
});
