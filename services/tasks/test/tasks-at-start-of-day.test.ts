import { randomUUID } from 'node:crypto';
import { Role, type Caller } from '@bizenv/common/auth';
import { clockOffsetMs, now, setClockOffset } from '@bizenv/common/clock';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph } from '@bizenv/common/testing';
import { shanghaiDate, startOfShanghaiDay } from '@bizenv/common/working-days';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TasksDeps, tasksSubgraph } from '../src/subgraph.js';
import { TaskStatus } from '../src/task/task-status.js';
import { SupervisedTaskUnit } from '../src/task/task-unit.entity.js';
import { taskUnitRows } from '../src/task/task-units.js';
import { SupervisedTask } from '../src/task/task.entity.js';

const UNIT = '8a3f1c2e-0000-5000-a000-000000000001';
const supervisor: Caller = { id: 'sup-1', name: '市督查员', roles: [Role.SUPERVISOR], regionCode: '990100' };
const screen: Caller = { id: 'screen-1', name: '指挥中心大屏', roles: [Role.SCREEN], regionCode: '990100' };
const chengnanLeader: Caller = { id: 'leader-3', name: '城南区领导', roles: [Role.LEADER], regionCode: '990103' };
const DAY = 86_400_000;
const FIGURES = `query($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { tasksAtStartOfDay { at red yellow } taskStats { red yellow } } } }`;

describe.each(await databaseTargets())('tasks at 00:00 today on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<TasksDeps>;
  const offset = clockOffsetMs();
  let number = 0;

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(tasksSubgraph(), target, [], false);
  }, 60_000);

  afterAll(async () => {
    setClockOffset(offset);
    await subgraph?.stop();
    await target?.dispose();
  });

  /** A task in 临江区 (or `regionCode`) registered at `createdAt`, with its deadline and yellow instant. */
  async function task(title: string, deadline: Date, warnAt: Date, createdAt: Date, regionCode = '990102001'): Promise<SupervisedTask> {
    const id = randomUUID();
    const row = { id, number: ++number, title, leadUnitId: UNIT, regionCode, deadline, status: TaskStatus.IN_PROGRESS, version: 1, createdAt, completedAt: null, behindAt: null, warnAt };
    await subgraph.dataSource.getRepository(SupervisedTask).insert(row);
    await subgraph.dataSource.getRepository(SupervisedTaskUnit).insert(taskUnitRows(id, [UNIT], []));
    return subgraph.dataSource.getRepository(SupervisedTask).findOneByOrFail({ id });
  }
  const complete = (done: SupervisedTask) => subgraph.deps.tasks.complete(supervisor, done.id, done.version);

  it('counts red and yellow tasks as they stood at 00:00, by registration, completion and their instants', async () => {
    const today = startOfShanghaiDay(shanghaiDate(now())).getTime();
    const long = new Date(today - 40 * DAY);
    const far = new Date(today + 20 * DAY);
    const warned = new Date(today - 5 * DAY);
    // registered yesterday or earlier; on the next day each stands as its title says
    await task('昨日已超期', new Date(today + 2 * 3_600_000), warned, long);
    const redDone = await task('超期、今日完成', new Date(today + 2 * 3_600_000), warned, long);
    await complete(await task('超期、昨日完成', new Date(today - DAY), warned, long));
    await task('城南区超期', new Date(today - DAY), warned, long, '990103001');
    await task('昨日已黄灯', far, warned, long);
    const yellowDone = await task('黄灯、今日完成', far, warned, long);
    setClockOffset(clockOffsetMs() + DAY);
    const midnight = today + DAY;
    const earlierToday = new Date((midnight + now().getTime()) / 2);
    await task('今日超期（零时为黄灯）', earlierToday, warned, long);
    await task('今日转黄灯', far, earlierToday, long);
    await task('今日登记、已超期', new Date(today - DAY), warned, now());
    await task('今日登记、黄灯', far, warned, now());
    await complete(redDone);
    await complete(yellowDone);

    const result = await callSubgraph(subgraph.url, screen, FIGURES, { code: '990102' });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const region = result.data._entities[0];
    expect(new Date(region.tasksAtStartOfDay.at).toISOString()).toBe(new Date(midnight).toISOString());
    // at 00:00: red = 昨日已超期, 超期、今日完成; yellow = 昨日已黄灯, 黄灯、今日完成 and 今日超期 (yellow then)
    expect(region.tasksAtStartOfDay).toMatchObject({ red: 2, yellow: 3 });
    // now: the ones completed today drop out, those registered today and turning red or yellow today come in
    expect(region.taskStats).toEqual({ red: 3, yellow: 3 });
    const outside = await callSubgraph(subgraph.url, chengnanLeader, FIGURES, { code: '990102' });
    expect(outside.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
