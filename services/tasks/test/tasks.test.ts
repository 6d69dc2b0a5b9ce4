import { randomUUID } from 'node:crypto';
import { Role, signGatewayToken, type Caller } from '@bizenv/common/auth';
import type { DomainEvent } from '@bizenv/common/event-bus';
import { OutboxEvent } from '@bizenv/common/outbox-event.entity';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, eventually, startTestSubgraph } from '@bizenv/common/testing';
import { IsNull } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasksSubgraph } from '../src/subgraph.js';
import { TaskStatus } from '../src/task/task-status.js';
import { SupervisedTaskUnit } from '../src/task/task-unit.entity.js';
import { SupervisedTask } from '../src/task/task.entity.js';
import { taskUnitRows } from '../src/task/task-units.js';

const citySupervisor: Caller = { id: 'sup-1', name: '市督查员', roles: [Role.SUPERVISOR], regionCode: '990100' };
const linjiangSupervisor: Caller = { id: 'sup-2', name: '临江区督查员', roles: [Role.SUPERVISOR], regionCode: '990102' };
const screen: Caller = { id: 'screen-1', name: '指挥中心大屏', roles: [Role.SCREEN], regionCode: '990100' };
const UNIT = '8a3f1c2e-0000-5000-a000-000000000001';
const CO_UNIT = '8a3f1c2e-0000-5000-a000-000000000002';

const CREATE = `mutation($input: CreateSupervisedTaskInput!) {
  createSupervisedTask(input: $input) { id number title deadline status version overdue leadUnit { id } region { code } }
}`;
const COMPLETE = `mutation($id: ID!, $v: Int!) { completeSupervisedTask(id: $id, expectedVersion: $v) { id status version overdue } }`;
const TASK = `query($id: ID!) { supervisedTask(id: $id) { id status version } }`;
const STATS = `query($code: ID!) {
  _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { taskStats { total open overdue } } }
}`;

const input = (overrides: Record<string, unknown> = {}) => ({
  number: 7,
  title: '压缩企业开办注销时间',
  leadUnitId: UNIT,
  regionCode: '990102001',
  deadline: '2099-12-31',
  ...overrides,
});

describe.each(await databaseTargets())('tasks subgraph on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(tasksSubgraph(), target, events, false);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const stats = async (code: string, caller: Caller = citySupervisor) => (await callSubgraph(subgraph.url, caller, STATS, { code })).data?._entities[0].taskStats;
  const createTask = async (overrides: Record<string, unknown> = {}, caller: Caller = citySupervisor) => {
    const result = await callSubgraph(subgraph.url, caller, CREATE, { input: input(overrides) });
    expect(result.errors).toBeUndefined();
    return result.data.createSupervisedTask as { id: string; version: number; status: string; overdue: boolean; deadline: string };
  };
  const outboxRows = () => subgraph.dataSource.getRepository(OutboxEvent).count();
  /** Every committed event has reached the bus: nothing still on its way can be mistaken for a new one. */
  const outboxDrained = () => eventually(async () => (await subgraph.dataSource.getRepository(OutboxEvent).countBy({ publishedAt: IsNull() })) === 0);

  it('creates a task, counts it in its town, district and city but not in a sibling, and publishes it', async () => {
    const codes = ['990102001', '990102', '990100', '990102002', '990103'];
    const before = await Promise.all(codes.map((code) => stats(code)));
    const task = await createTask();
    expect(task).toMatchObject({
      number: 7,
      title: '压缩企业开办注销时间',
      deadline: '2099-12-31T15:59:59.999Z',
      status: TaskStatus.IN_PROGRESS,
      version: 1,
      overdue: false,
      leadUnit: { id: UNIT },
      region: { code: '990102001' },
    });
    const after = await Promise.all(codes.map((code) => stats(code)));
    for (const i of [0, 1, 2]) expect(after[i]).toEqual({ total: before[i].total + 1, open: before[i].open + 1, overdue: before[i].overdue });
    // A sibling town and a sibling district do not move.
    expect(after[3]).toEqual(before[3]);
    expect(after[4]).toEqual(before[4]);
    await eventually(() => events.some((e) => e.topic === 'task.created' && e.payload.id === task.id));
    const event = events.find((e) => e.topic === 'task.created' && e.payload.id === task.id)!;
    expect(event).toMatchObject({ source: 'tasks', regionCode: '990102001', payload: { number: 7, status: TaskStatus.IN_PROGRESS, leadUnitId: UNIT } });
    expect((await callSubgraph(subgraph.url, citySupervisor, TASK, { id: task.id })).data.supervisedTask).toEqual({ id: task.id, status: 'IN_PROGRESS', version: 1 });
  });

  it('reads a deadline as the end of its Shanghai day, up to the last day a datetime column holds', async () => {
    // 20:00 UTC on 30 June is already 1 July in Shanghai.
    expect((await createTask({ deadline: '2099-06-30T20:00:00Z' })).deadline).toBe('2099-07-01T15:59:59.999Z');
    const before = await stats('990172');
    expect((await createTask({ regionCode: '990172002', deadline: '9999-12-31' })).deadline).toBe('9999-12-31T15:59:59.999Z');
    expect(await stats('990172')).toEqual({ total: before.total + 1, open: before.open + 1, overdue: before.overdue });
  });

  it('lets exactly one of two concurrent completions win; the other gets CONFLICT', async () => {
    const { id } = await createTask({ regionCode: '990104001' });
    const results = await Promise.all([1, 2].map(() => callSubgraph(subgraph.url, citySupervisor, COMPLETE, { id, v: 1 })));
    const winners = results.filter((r) => r.data?.completeSupervisedTask);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(winners[0].data.completeSupervisedTask).toEqual({ id, status: TaskStatus.DONE, version: 2, overdue: false });
    expect(losers.map((r) => r.errors![0].extensions?.code)).toEqual(['CONFLICT']);
    // Completing again: a stale version is a conflict, the current one is not a legal transition.
    expect((await callSubgraph(subgraph.url, citySupervisor, COMPLETE, { id, v: 1 })).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await callSubgraph(subgraph.url, citySupervisor, COMPLETE, { id, v: 2 })).errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    expect((await callSubgraph(subgraph.url, citySupervisor, TASK, { id })).data.supervisedTask).toEqual({ id, status: TaskStatus.DONE, version: 2 });
    await eventually(() => events.some((e) => e.topic === 'task.done' && e.payload.id === id));
    await outboxDrained();
    expect(events.filter((e) => e.topic === 'task.done' && e.payload.id === id)).toHaveLength(1);
  });

  it('counts a task past its deadline as open and overdue until it is completed', async () => {
    const before = await stats('990121');
    const task = await createTask({ regionCode: '990121003', deadline: '2025-01-01' });
    expect(task).toMatchObject({ deadline: '2025-01-01T15:59:59.999Z', overdue: true });
    expect(await stats('990121')).toEqual({ total: before.total + 1, open: before.open + 1, overdue: before.overdue + 1 });
    const done = await callSubgraph(subgraph.url, citySupervisor, COMPLETE, { id: task.id, v: 1 });
    expect(done.data?.completeSupervisedTask).toMatchObject({ status: TaskStatus.DONE, overdue: false });
    expect(await stats('990121')).toEqual({ total: before.total + 1, open: before.open, overdue: before.overdue });
  });

  it('refuses bad input with a stable code and field, and stores and publishes nothing', async () => {
    await outboxDrained();
    const before = await stats('990100');
    const rows = await outboxRows();
    const eventCount = events.length;
    for (const [bad, field] of [
      [{ title: '   ' }, 'title'],
      [{ title: '字'.repeat(201) }, 'title'],
      [{ regionCode: '99010' }, 'regionCode'],
      [{ regionCode: '990102001x' }, 'regionCode'],
      [{ leadUnitId: 'city-market' }, 'leadUnitId'],
      [{ number: 0 }, 'number'],
      [{ number: 100_001 }, 'number'],
      [{ deadline: '2026-02-30' }, 'deadline'],
      [{ deadline: '2026-06-30T10:00' }, 'deadline'],
      [{ deadline: '2022年底前' }, 'deadline'],
      [{ deadline: '2003-12-31' }, 'deadline'],
      // Names the Shanghai day 10000-01-01, which no database column can hold.
      [{ deadline: '9999-12-31T20:00:00Z' }, 'deadline'],
    ] as const) {
      const result = await callSubgraph(subgraph.url, citySupervisor, CREATE, { input: input(bad) });
      expect(result.errors?.[0].extensions, JSON.stringify(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.data).toBeNull();
    }
    expect(await stats('990100')).toEqual(before);
    expect(await outboxRows()).toBe(rows);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events.length).toBe(eventCount);
  });

  it('keeps a district supervisor inside their district', async () => {
    const own = await createTask({ regionCode: '990102003' }, linjiangSupervisor);
    expect(own.status).toBe(TaskStatus.IN_PROGRESS);
    expect(await stats('990102', linjiangSupervisor)).toMatchObject({ total: expect.any(Number) });
    const before = await stats('990103');
    const elsewhere = await callSubgraph(subgraph.url, linjiangSupervisor, CREATE, { input: input({ regionCode: '990103001' }) });
    expect(elsewhere.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await stats('990103')).toEqual(before);
    for (const code of ['990103', '990100', '990103001']) {
      const other = await callSubgraph(subgraph.url, linjiangSupervisor, STATS, { code });
      expect(other.errors?.[0].extensions?.code, code).toBe('FORBIDDEN');
      expect(other.data?._entities?.[0]?.taskStats ?? null).toBeNull();
    }
    const foreign = await createTask({ regionCode: '990103002' });
    for (const [query, variables] of [[TASK, { id: foreign.id }], [COMPLETE, { id: foreign.id, v: 1 }]] as const) {
      const result = await callSubgraph(subgraph.url, linjiangSupervisor, query, variables);
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(result.data)).not.toContain(foreign.id);
    }
    expect((await callSubgraph(subgraph.url, citySupervisor, TASK, { id: foreign.id })).data.supervisedTask.status).toBe(TaskStatus.IN_PROGRESS);
  });

  it('does not let a malformed region code widen a district caller to the city', async () => {
    // "9901020000" starts with the district's prefix but, read as a code, names the province.
    for (const code of ['9901020000', '99010200', '99010200100']) {
      const result = await callSubgraph(subgraph.url, linjiangSupervisor, STATS, { code });
      expect(result.errors?.[0].extensions, code).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
      expect(result.data?._entities?.[0]?.taskStats ?? null).toBeNull();
    }
  });

  it('lets a wall screen read statistics but change nothing', async () => {
    expect(await stats('990100', screen)).toEqual(await stats('990100'));
    const { id } = await createTask({ regionCode: '990171001' });
    const created = await callSubgraph(subgraph.url, screen, CREATE, { input: input() });
    expect(created.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const completed = await callSubgraph(subgraph.url, screen, COMPLETE, { id, v: 1 });
    expect(completed.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await callSubgraph(subgraph.url, citySupervisor, TASK, { id })).data.supervisedTask).toEqual({ id, status: TaskStatus.IN_PROGRESS, version: 1 });
  });

  it('refuses a request that did not come through the gateway, and one signed with another key', async () => {
    const unsigned = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: STATS, variables: { code: '990100' } }),
    });
    expect(unsigned.status).toBe(401);
    expect(JSON.stringify(await unsigned.json())).not.toContain('taskStats');
    const forged = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gateway-auth': await signGatewayToken(citySupervisor, new TextEncoder().encode('not-the-gateway-secret-0123456789abcdef')) },
      body: JSON.stringify({ query: CREATE, variables: { input: input() } }),
    });
    expect(forged.status).toBe(401);
  });

  it('announces a task turning overdue when its deadline passes, without any write to it', async () => {
    const id = randomUUID();
    const deadline = new Date(Date.now() + 700);
    await subgraph.outbox.write(async (manager) => {
      await manager.insert(SupervisedTask, {
        id, number: 99, title: '临期任务', leadUnitId: UNIT, regionCode: '990103004', deadline, status: TaskStatus.IN_PROGRESS, version: 1,
      });
      await manager.insert(SupervisedTaskUnit, taskUnitRows(id, [UNIT], [CO_UNIT]));
    });
    const before = await stats('990103');
    await eventually(() => events.some((e) => e.topic === 'task.overdue' && e.payload.id === id), 4000);
    const announcedAt = Date.now();
    expect(announcedAt - deadline.getTime()).toBeLessThan(1000);
    expect((await stats('990103')).overdue).toBe(before.overdue + 1);
    await outboxDrained();
    const overdue = events.filter((e) => e.topic === 'task.overdue' && e.payload.id === id);
    expect(overdue).toHaveLength(1);
    expect(overdue[0].regionCode).toBe('990103004');
    // Every unit of the task, for their operators' dispatch feeds.
    expect(overdue[0].payload).toEqual({ id, title: '临期任务', unitIds: [UNIT, CO_UNIT] });
  });
});
