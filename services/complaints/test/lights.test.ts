import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role, type Caller } from '@bizenv/common/auth';
import { clockOffsetMs, now, setClockOffset } from '@bizenv/common/clock';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { InProcessEventBus, type DomainEvent } from '@bizenv/common/event-bus';
import { runSubgraph, type RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, eventually, TEST_IDENTITY_KEYS, TEST_SECRET } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel, ComplaintCategory } from '../src/complaint/complaint-enums.js';
import { Complaint } from '../src/complaint/complaint.entity.js';
import { complaintsSubgraph } from '../src/subgraph.js';

const hotline: Caller = { id: 'op-1', name: '受理员甲', roles: [Role.HOTLINE_OPERATOR], regionCode: '990100' };
const REGION = '990105003';
const GET = `query($id: ID!) { complaint(id: $id) { light overdue version } }`;
const STATS = `query { _entities(representations: [{ __typename: "Region", code: "990105" }]) { ... on Region { complaintStats { overdue dueSoon } } } }`;
const HOUR = 3600_000;

describe.each(await databaseTargets())('lights turning by themselves on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;
  // The embedded database in a file, so a restarted subgraph finds what the first one left.
  const dataDir = mkdtempSync(join(tmpdir(), 'bizenv-lights-'));

  const start = (events: DomainEvent[]) => {
    const bus = new InProcessEventBus();
    bus.subscribe((event) => events.push(event));
    return runSubgraph(complaintsSubgraph({ identity: TEST_IDENTITY_KEYS }), {
      databaseUrl: target.databaseUrl, dataDir: target.databaseUrl ? undefined : dataDir, bus, internalSecret: TEST_SECRET, port: 0, host: '127.0.0.1', seed: false, testClock: true,
    });
  };
  const light = async (id: string) => (await callSubgraph(subgraph.url, hotline, GET, { id })).data.complaint;
  const stats = async () => (await callSubgraph(subgraph.url, hotline, STATS)).data._entities[0].complaintStats;
  /** An open complaint written straight to the database, turning yellow and red at the given times. */
  const insert = async (yellowAt: Date, dueAt: Date) => {
    const id = randomUUID();
    await subgraph.outbox.write((manager) =>
      manager.insert(Complaint, {
        id, channel: Channel.HOTLINE_12345, category: ComplaintCategory.OTHER, title: '临期件', content: '临期件', regionCode: REGION, unitId: null,
        receivedAt: now(), replyDueAt: dueAt, closeDueAt: new Date(dueAt.getTime() + 30 * 24 * HOUR), deadlineProvisional: false, dueAt, yellowAt,
        dispatchStatus: DispatchStatus.ACCEPTED, version: 1,
      }),
    );
    return id;
  };
  const of = (events: DomainEvent[], id: string, topic: string) => events.filter((e) => e.topic === topic && e.payload.id === id);

  beforeAll(async () => {
    target = create();
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  it('turns yellow, then red, at their times, without a write to the complaint, announcing each once', async () => {
    const events: DomainEvent[] = [];
    subgraph = await start(events);
    const before = await stats();
    const yellowAt = new Date(now().getTime() + 700);
    const dueAt = new Date(now().getTime() + 1500);
    const id = await insert(yellowAt, dueAt);
    expect(await light(id)).toEqual({ light: 'GREEN', overdue: false, version: 1 });

    await eventually(() => of(events, id, 'complaint.due-soon').length, 4000);
    expect(now().getTime() - yellowAt.getTime()).toBeLessThan(1000);
    expect(await light(id)).toEqual({ light: 'YELLOW', overdue: false, version: 1 });
    expect(await stats()).toEqual({ overdue: before.overdue, dueSoon: before.dueSoon + 1 });
    expect(of(events, id, 'complaint.due-soon')[0].regionCode).toBe(REGION);

    await eventually(() => of(events, id, 'complaint.overdue').length, 4000);
    expect(now().getTime() - dueAt.getTime()).toBeLessThan(1000);
    expect(await light(id)).toEqual({ light: 'RED', overdue: true, version: 1 });
    expect(await stats()).toEqual({ overdue: before.overdue + 1, dueSoon: before.dueSoon });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([of(events, id, 'complaint.due-soon').length, of(events, id, 'complaint.overdue').length]).toEqual([1, 1]);
  });

  it('neither loses nor repeats a transition across restarts', async () => {
    const id = await insert(new Date(now().getTime() + HOUR), new Date(now().getTime() + 2 * HOUR));
    await subgraph.stop();
    // Both times pass while no subgraph runs.
    setClockOffset(clockOffsetMs() + 3 * HOUR);
    const afterRestart: DomainEvent[] = [];
    subgraph = await start(afterRestart);
    await eventually(() => of(afterRestart, id, 'complaint.overdue').length, 4000);
    expect(of(afterRestart, id, 'complaint.due-soon')).toHaveLength(1);
    expect(await light(id)).toEqual({ light: 'RED', overdue: true, version: 1 });
    // What the first run announced is not announced again.
    expect(afterRestart.filter((e) => e.topic === 'complaint.due-soon' || e.topic === 'complaint.overdue').map((e) => e.payload.id)).toEqual([id, id]);

    await subgraph.stop();
    const again: DomainEvent[] = [];
    subgraph = await start(again);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(again.filter((e) => e.topic === 'complaint.due-soon' || e.topic === 'complaint.overdue')).toEqual([]);
  });
});
