import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Caller } from '@bizenv/common/auth';
import { CALENDAR_YEAR_LOADED } from '@bizenv/common/calendar-year';
import { now } from '@bizenv/common/clock';
import { InProcessEventBus, type DomainEvent } from '@bizenv/common/event-bus';
import { DEFAULT_YELLOW_WORKING_DAYS, yellowAt } from '@bizenv/common/lights';
import { runSubgraph, type RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, eventually, moveClockTo, TEST_SECRET, unpublishedYear } from '@bizenv/common/testing';
import { bundledSchedules, officialCalendar, WorkingCalendar } from '@bizenv/common/working-days';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../src/ledger/problem.entity.js';
import { tasksSubgraph } from '../src/subgraph.js';
import { Supervision } from '../src/supervision/supervision.entity.js';
import { TASK_YELLOW_WORKING_DAYS } from '../src/task/task-light.js';
import { SupervisedTask } from '../src/task/task.entity.js';
import { citySupervisor, UNIT_A } from './oversight-fixtures.js';

const CREATE_TASK = `mutation($input: CreateSupervisedTaskInput!) { createSupervisedTask(input: $input) { id } }`;
const REGISTER = `mutation($input: RegisterProblemInput!) { registerProblem(input: $input) { id } }`;
const SUPERVISE = `mutation($input: SuperviseItemInput!) { superviseItem(input: $input) { id responseDueAt deadlineProvisional } }`;

const schedule = unpublishedYear();
const loaded = new WorkingCalendar([...bundledSchedules(), schedule]);
// Late December before the unpublished year: the times below are counted into it.
moveClockTo(new Date(`${schedule.year - 1}-12-28T10:00:00+08:00`));

const yearLoaded = (payload: Record<string, unknown>): DomainEvent => ({
  source: 'organization', seq: 1, topic: CALENDAR_YEAR_LOADED, regionCode: '990100', occurredAt: now().toISOString(),
  payload: { ...schedule, source: '国务院办公厅通知（测试）', loadedAt: now().toISOString(), ...payload },
});

/**
 * The tasks subgraph follows the working-day calendar organization loads at run time, like
 * complaints and enterprise-service: a task's and a problem's yellow time and a supervision's
 * response deadline not yet passed are counted again, once, and the year is kept across a restart.
 */
describe.each(await databaseTargets())('a calendar year loaded at run time, in the tasks subgraph on $name', ({ create }) => {
  let target: DatabaseTarget;
  let tasks: RunningSubgraph<any> | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'bizenv-tasks-calendar-'));
  const events: DomainEvent[] = [];
  const bus = new InProcessEventBus();
  bus.subscribe((event) => events.push(event));

  const start = async () => {
    tasks = await runSubgraph(tasksSubgraph(), {
      databaseUrl: target.databaseUrl, dataDir: target.databaseUrl ? undefined : dataDir, bus,
      internalSecret: TEST_SECRET, port: 0, host: '127.0.0.1', seed: false, testClock: true,
    });
  };
  const stop = async () => {
    await tasks?.stop();
    tasks = undefined;
  };
  const ok = async (caller: Caller, query: string, variables: Record<string, unknown>) => {
    const result = await callSubgraph(tasks!.url, caller, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data;
  };
  let number = 0;
  const newTask = async (deadline: string) =>
    (await ok(citySupervisor, CREATE_TASK, { input: { number: ++number, title: `跨年任务${number}`, leadUnitId: UNIT_A, regionCode: '990102001', deadline } })).createSupervisedTask.id as string;
  const supervise = async (targetId: string) =>
    (await ok(citySupervisor, SUPERVISE, { input: { targetKind: 'TASK', targetId, level: 'REMINDER', reason: '年底催办', responseWorkingDays: 5 } })).superviseItem;
  const task = (id: string) => tasks!.dataSource.getRepository(SupervisedTask).findOneByOrFail({ id });
  const rows = async () => ({
    tasks: await tasks!.dataSource.getRepository(SupervisedTask).find({ select: { id: true, version: true, warnAt: true }, order: { id: 'ASC' } }),
    problems: await tasks!.dataSource.getRepository(Problem).find({ select: { id: true, version: true, yellowAt: true }, order: { id: 'ASC' } }),
    supervisions: await tasks!.dataSource.getRepository(Supervision).find({ select: { id: true, version: true, responseDueAt: true }, order: { id: 'ASC' } }),
  });
  const changeEvents = () => events.filter((e) => /^(task\.warning|problem\.yellow|supervision\.deadline)-changed$/.test(e.topic));

  beforeAll(async () => {
    target = create();
    await start();
  });

  afterAll(async () => {
    await stop();
    await target?.dispose();
  });

  it('recounts a task’s and a problem’s yellow time and a supervision’s response deadline not yet passed', async () => {
    const soon = await newTask(`${schedule.year}-01-08`);
    // Yellow since this morning by the packaged calendar: a light that came on stays on.
    const alreadyYellow = await newTask(`${schedule.year}-01-04`);
    const far = await newTask('2099-12-31');
    const problem = (await ok(citySupervisor, REGISTER, {
      input: { source: 'UNDERCOVER_INSPECTION', regionCode: '990102001', responsibleUnitId: UNIT_A, title: '跨年整改', timeLimit: `${schedule.year}-01-06` },
    })).registerProblem.id as string;
    const supervision = await supervise(soon);
    expect(supervision.deadlineProvisional).toBe(true);
    const before = await rows();
    expect((await task(alreadyYellow)).warnAt!.getTime()).toBeLessThanOrEqual(now().getTime());

    await bus.publish(yearLoaded({}));

    const expectedWarn = yellowAt((await task(soon)).deadline, TASK_YELLOW_WORKING_DAYS, loaded);
    expect(expectedWarn).not.toEqual(before.tasks.find((t) => t.id === soon)!.warnAt);
    await eventually(async () => (await task(soon)).warnAt!.getTime() === expectedWarn.getTime());
    const recounted = await eventually(async () => {
      const row = await tasks!.dataSource.getRepository(Supervision).findOneByOrFail({ id: supervision.id });
      return row.deadlineProvisional ? null : row;
    });
    const stepIssuedAt = recounted.stepIssuedAt;
    expect(recounted.responseDueAt).toEqual(loaded.addWorkingDays(stepIssuedAt, 5).dueAt);
    expect(recounted.responseDueAt.toISOString()).not.toBe(supervision.responseDueAt);
    const problemRow = await tasks!.dataSource.getRepository(Problem).findOneByOrFail({ id: problem });
    const problemYellow = yellowAt(problemRow.timeLimit, DEFAULT_YELLOW_WORKING_DAYS, loaded);
    expect(problemRow.yellowAt).toEqual(problemYellow);
    expect(problemYellow).not.toEqual(yellowAt(problemRow.timeLimit, DEFAULT_YELLOW_WORKING_DAYS, officialCalendar));

    const after = await rows();
    const version = (list: { id: string; version: number }[], id: string) => list.find((row) => row.id === id)!.version;
    expect(version(after.tasks, soon)).toBe(version(before.tasks, soon) + 1);
    expect(version(after.tasks, alreadyYellow)).toBe(version(before.tasks, alreadyYellow));
    expect(version(after.tasks, far)).toBe(version(before.tasks, far));
    expect(version(after.problems, problem)).toBe(version(before.problems, problem) + 1);
    expect(changeEvents().map((e) => [e.topic, e.payload.id, e.regionCode]).sort()).toEqual(
      [
        ['problem.yellow-changed', problem, '990102001'],
        ['supervision.deadline-changed', supervision.id, '990102001'],
        ['task.warning-changed', soon, '990102001'],
      ].sort(),
    );
  });

  it('changes nothing when the same year arrives again', async () => {
    const before = await rows();
    const count = changeEvents().length;
    const event = events.find((e) => e.topic === CALENDAR_YEAR_LOADED)!;
    // A repeat from the relay (at-least-once), twice.
    await bus.publish(event);
    await bus.publish(event);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await rows()).toEqual(before);
    expect(changeEvents()).toHaveLength(count);
  });

  it('counts with the stored year after a restart', async () => {
    await stop();
    await start();
    const id = await newTask(`${schedule.year}-01-08`);
    const stored = await task(id);
    expect(stored.warnAt).toEqual(yellowAt(stored.deadline, TASK_YELLOW_WORKING_DAYS, loaded));
    const supervision = await supervise(id);
    expect(supervision.deadlineProvisional).toBe(false);
    const row = await tasks!.dataSource.getRepository(Supervision).findOneByOrFail({ id: supervision.id });
    expect(supervision.responseDueAt).toBe(loaded.addWorkingDays(row.stepIssuedAt, 5).dueAt.toISOString());
  });
});
