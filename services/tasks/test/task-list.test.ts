import { Permission, Role, type Caller } from '@bizenv/common/auth';
import { isWithin } from '@bizenv/common/region-code';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { allPages, callSubgraph, type DatabaseTarget, databaseTargets, readSteadily, startTestSubgraph } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasksSubgraph } from '../src/subgraph.js';
import { TaskStatus } from '../src/task/task-status.js';
import { SupervisedTaskUnit, UnitRole } from '../src/task/task-unit.entity.js';
import { SupervisedTask } from '../src/task/task.entity.js';

const citySupervisor: Caller = { id: 'sup-1', name: '市督查员', roles: [Role.SUPERVISOR], regionCode: '990100' };
const linjiangLeader: Caller = { id: 'leader-1', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };
const screen: Caller = { id: 'screen-1', name: '指挥中心大屏', roles: [Role.SCREEN], regionCode: '990100' };
// API keys: permissions are the key's scopes, whatever the role.
const readingKey: Caller = { id: 'key-1', name: 'OA系统', roles: [Role.INTEGRATOR], regionCode: '990100', permissions: [Permission.TASK_READ] };
const writingKey: Caller = { id: 'key-2', name: '督办系统', roles: [Role.INTEGRATOR], regionCode: '990100', permissions: [Permission.TASK_WRITE] };

const LIST = `query($filter: SupervisedTaskFilter, $first: Int, $after: String) {
  supervisedTasks(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status overdue light behindTarget leadUnit { id } region { code } } }
  }
}`;
const TASK = `query($id: ID!) { supervisedTask(id: $id) { id } }`;
const ENTITY = `query($id: ID!) { _entities(representations: [{ __typename: "SupervisedTask", id: $id }]) { ... on SupervisedTask { id title } } }`;
const CREATE = `mutation($input: CreateSupervisedTaskInput!) { createSupervisedTask(input: $input) { id } }`;

interface Listed {
  id: string;
  status: TaskStatus;
  overdue: boolean;
  light: string | null;
  behindTarget: boolean;
  leadUnit: { id: string };
  region: { code: string };
}

describe.each(await databaseTargets())('supervised task list on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;
  let rows: SupervisedTask[];
  let taskUnits: SupervisedTaskUnit[];

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(tasksSubgraph(), target, [], true);
    rows = await subgraph.dataSource.getRepository(SupervisedTask).find();
    taskUnits = await subgraph.dataSource.getRepository(SupervisedTaskUnit).find();
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const call = (caller: Caller, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  const list = (caller: Caller, filter: Record<string, unknown> | null, first = 7) =>
    allPages<Listed>(async (after) => {
      const result = await call(caller, LIST, { filter, first, after });
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data.supervisedTasks;
    });
  /** Whether `unit` is one of the task's units (of `role`, if given): lead units and co-responsible units. */
  const hasUnit = (task: SupervisedTask, unit: string, role?: UnitRole) =>
    taskUnits.some((u) => u.taskId === task.id && u.unitId === unit && (!role || u.role === role));
  const isOverdue = (task: SupervisedTask, at: number) => task.status === TaskStatus.IN_PROGRESS && task.deadline.getTime() < at;
  /** Soonest deadline first, ties by id: the rows the list must give, in its order. */
  const expected = (keep: (task: SupervisedTask) => boolean) =>
    rows
      .filter(keep)
      .sort((a, b) => a.deadline.getTime() - b.deadline.getTime() || (a.id < b.id ? -1 : 1))
      .map((task) => task.id);
  /** Light as the stored instants make it (the rule under test in task-light.ts): none once done. */
  const lightOf = (task: SupervisedTask, at: number) =>
    task.status !== TaskStatus.IN_PROGRESS ? null : isOverdue(task, at) ? 'RED' : task.warnAt && task.warnAt.getTime() <= at ? 'YELLOW' : 'GREEN';
  const isBehind = (task: SupervisedTask, at: number) => task.status === TaskStatus.IN_PROGRESS && task.behindAt != null && task.behindAt.getTime() <= at;
  const steadily = <T>(read: () => Promise<T>) =>
    readSteadily(rows.flatMap((task) => [task.deadline, task.warnAt, task.behindAt].filter((d): d is Date => d != null).map((d) => d.getTime())), read);

  it('lists the caller’s whole subtree soonest deadline first, page by page, and filters by region, status, lights and lead unit', async () => {
    const unit = rows[0].leadUnitId;
    const filters: [Record<string, unknown> | null, (task: SupervisedTask, at: number) => boolean][] = [
      [null, () => true],
      [{ regionCode: '990102' }, (t) => t.regionCode.startsWith('990102')],
      [{ regionCode: rows[1].regionCode }, (t) => isWithin(t.regionCode, rows[1].regionCode)],
      [{ status: TaskStatus.DONE }, (t) => t.status === TaskStatus.DONE],
      [{ overdue: true }, isOverdue],
      [{ overdue: false }, (t, at) => !isOverdue(t, at)],
      [{ leadUnitId: unit }, (t) => hasUnit(t, unit, UnitRole.LEAD)],
      [{ regionCode: '990121', status: TaskStatus.IN_PROGRESS, overdue: false }, (t, at) => t.regionCode.startsWith('990121') && t.status === TaskStatus.IN_PROGRESS && !isOverdue(t, at)],
      [{ light: 'RED' }, (t, at) => lightOf(t, at) === 'RED'],
      [{ light: 'YELLOW' }, (t, at) => lightOf(t, at) === 'YELLOW'],
      [{ light: 'GREEN', regionCode: '990102' }, (t, at) => t.regionCode.startsWith('990102') && lightOf(t, at) === 'GREEN'],
      [{ behindTarget: true }, isBehind],
      [{ behindTarget: false, campaignId: rows[0].campaignId }, (t, at) => t.campaignId === rows[0].campaignId && !isBehind(t, at)],
    ];
    expect(rows.some((t) => isOverdue(t, Date.now()))).toBe(true);
    // The demo data has every light and tasks behind pace.
    expect(new Set(rows.map((t) => lightOf(t, Date.now())))).toEqual(new Set([null, 'RED', 'YELLOW', 'GREEN']));
    expect(rows.some((t) => isBehind(t, Date.now()))).toBe(true);
    for (const [filter, keep] of filters) {
      const { at, value } = await steadily(() => list(citySupervisor, filter));
      expect(value.nodes.map((node) => node.id), JSON.stringify(filter)).toEqual(expected((task) => keep(task, at)));
      for (const node of value.nodes) {
        const row = rows.find((t) => t.id === node.id)!;
        expect([node.overdue, node.light, node.behindTarget]).toEqual([isOverdue(row, at), lightOf(row, at), isBehind(row, at)]);
      }
    }
    expect((await list(citySupervisor, null)).totalCount).toBe(rows.length);
  });

  it('counts for a district leader only their district, and refuses another district rather than answering zero', async () => {
    const own = await list(linjiangLeader, null);
    expect(own.nodes.map((n) => n.id)).toEqual(expected((t) => t.regionCode.startsWith('990102')));
    expect(own.totalCount).toBeLessThan(rows.length);
    for (const regionCode of ['990103', '990100', '990103001']) {
      const other = await call(linjiangLeader, LIST, { filter: { regionCode } });
      expect(other.errors?.[0].extensions?.code, regionCode).toBe('FORBIDDEN');
      expect(other.data).toBeNull();
    }
    const foreign = rows.find((t) => !t.regionCode.startsWith('990102'))!;
    for (const query of [TASK, ENTITY]) {
      const read = await call(linjiangLeader, query, { id: foreign.id });
      expect(read.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(read.data)).not.toContain(foreign.id);
    }
    const mine = rows.find((t) => t.regionCode.startsWith('990102'))!;
    expect((await call(linjiangLeader, ENTITY, { id: mine.id })).data._entities).toEqual([{ id: mine.id, title: mine.title }]);
  });

  it('shows a unit operator only the tasks their unit leads or shares', async () => {
    const led = rows.filter((t) => t.regionCode.startsWith('990102'));
    const unit = led.map((t) => t.leadUnitId).sort((a, b) => led.filter((t) => t.leadUnitId === b).length - led.filter((t) => t.leadUnitId === a).length)[0];
    const handler: Caller = { id: 'h-1', name: '承办人', roles: [Role.UNIT_HANDLER], regionCode: '990102', unitId: unit };
    const own = await list(handler, null);
    expect(own.nodes.map((n) => n.id)).toEqual(expected((t) => t.regionCode.startsWith('990102') && hasUnit(t, unit)));
    expect(own.totalCount).toBeGreaterThan(0);
    // A task the unit only shares (责任单位) is among them, but not among those it leads.
    const shared = led.find((t) => hasUnit(t, unit, UnitRole.CO))!;
    expect(own.nodes.map((n) => n.id)).toContain(shared.id);
    expect((await list(handler, { leadUnitId: unit })).nodes.map((n) => n.id)).not.toContain(shared.id);
    const stranger = rows.find((t) => !hasUnit(t, unit))!.leadUnitId;
    // Led by another unit: only those the operator's unit shares.
    expect((await list(handler, { leadUnitId: stranger })).nodes.map((n) => n.id)).toEqual(
      expected((t) => t.regionCode.startsWith('990102') && hasUnit(t, unit) && hasUnit(t, stranger, UnitRole.LEAD)),
    );
    expect((await call(handler, TASK, { id: own.nodes[0].id })).data.supervisedTask).toEqual({ id: own.nodes[0].id });
    const other = led.find((t) => !hasUnit(t, unit))!;
    expect((await call(handler, TASK, { id: other.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Without a unit, an operator bound to one sees nothing at all.
    expect((await call({ ...handler, unitId: undefined }, LIST, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('gives a wall screen statistics only: no list and no task by id', async () => {
    for (const [query, variables] of [[LIST, {}], [TASK, { id: rows[0].id }], [ENTITY, { id: rows[0].id }]] as const) {
      const result = await call(screen, query, variables);
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(result.data)).not.toContain(rows[0].id);
    }
  });

  it('decides by permission, not by role: a reading key lists but cannot write; a writing key writes but cannot read', async () => {
    expect((await list(readingKey, { regionCode: '990104' })).nodes.map((n) => n.id)).toEqual(expected((t) => t.regionCode.startsWith('990104')));
    const input = { number: 8, title: '方便企业获得水电暖气', leadUnitId: rows[0].leadUnitId, regionCode: '990104001', deadline: '2099-12-31' };
    expect((await call(readingKey, CREATE, { input })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const created = await call(writingKey, CREATE, { input });
    expect(created.errors).toBeUndefined();
    for (const [query, variables] of [[LIST, {}], [TASK, { id: created.data.createSupervisedTask.id }]] as const) {
      expect((await call(writingKey, query, variables)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    await subgraph.dataSource.getRepository(SupervisedTask).delete({ id: created.data.createSupervisedTask.id });
  });

  it('refuses a malformed filter or page with the field named', async () => {
    for (const [variables, field] of [
      [{ filter: { regionCode: '9901020000' } }, 'filter.regionCode'],
      [{ filter: { leadUnitId: 'city-market' } }, 'filter.leadUnitId'],
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ after: 'not-a-cursor' }, 'after'],
    ] as const) {
      const result = await call(citySupervisor, LIST, variables);
      expect(result.errors?.[0].extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await callSubgraph(subgraph.url, null, LIST, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
