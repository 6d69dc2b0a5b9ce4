import { randomUUID } from 'node:crypto';
import { Permission, requireItem, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import type { DeadlineSource } from '@bizenv/common/deadline-watcher';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireText, requireUuid } from '@bizenv/common/validate';
import { LessThan, Like, type DataSource } from 'typeorm';
import { parseDeadlineDay } from './task-deadline.js';
import type { CreateSupervisedTaskInput, SupervisedTaskFilter } from './task-inputs.js';
import type { TaskStats } from './task-stats.js';
import { TaskStatus } from './task-status.js';
import { SupervisedTask } from './task.entity.js';

const EARLIEST_DEADLINE = new Date('2004-01-01T00:00:00+08:00');
// The end of the last day a datetime column holds (MySQL's limit; SQLite compares the stored
// text, where a five-digit year would sort before every other deadline).
const LATEST_DEADLINE = new Date('9999-12-31T23:59:59.999+08:00');
const MAX_NUMBER = 100_000;

export class TaskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** One task; a unit operator sees only the tasks their unit leads. */
  async get(caller: Caller | null, id: string): Promise<SupervisedTask> {
    requirePermission(caller, Permission.TASK_READ);
    const task = await this.load(id);
    requireItem(caller, Permission.TASK_READ, { regionCode: task.regionCode, unitId: task.leadUnitId });
    return task;
  }

  /** Soonest deadline first; filtered to what the caller may see before counting. */
  list(caller: Caller | null, filter: SupervisedTaskFilter, page: PageArgs): Promise<Page<SupervisedTask>> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    if (filter.leadUnitId != null) requireUuid(filter.leadUnitId, 'filter.leadUnitId', '牵头单位');
    const scope = requireListScope(caller, Permission.TASK_READ, filter.regionCode);
    const query = this.dataSource
      .getRepository(SupervisedTask)
      .createQueryBuilder('t')
      .where('t.regionCode LIKE :prefix', { prefix: `${subtreePrefix(scope.regionCode)}%` });
    if (scope.unitId) query.andWhere('t.leadUnitId = :ownUnit', { ownUnit: scope.unitId });
    if (filter.leadUnitId != null) query.andWhere('t.leadUnitId = :leadUnitId', { leadUnitId: filter.leadUnitId });
    if (filter.status != null) query.andWhere('t.status = :status', { status: filter.status });
    if (filter.overdue != null) {
      const condition = filter.overdue ? '(t.status = :open AND t.deadline < :now)' : '(t.status <> :open OR t.deadline >= :now)';
      query.andWhere(condition, { open: TaskStatus.IN_PROGRESS, now: now() });
    }
    return paginate(query, [{ column: 't.deadline', property: 'deadline' }, { column: 't.id', property: 'id' }], page);
  }

  async create(caller: Caller | null, input: CreateSupervisedTaskInput): Promise<SupervisedTask> {
    requireRegionCode(input.regionCode);
    requirePermission(caller, Permission.TASK_WRITE, input.regionCode);
    const title = requireText(input.title, 'title', '标题', 200);
    if (!Number.isInteger(input.number) || input.number < 1 || input.number > MAX_NUMBER) {
      throw new DomainError(ErrorCode.BadUserInput, `任务序号应为1–${MAX_NUMBER}的整数`, { field: 'number' });
    }
    requireUuid(input.leadUnitId, 'leadUnitId', '牵头单位');
    const deadline = parseDeadlineDay(input.deadline);
    if (!deadline || deadline < EARLIEST_DEADLINE || deadline > LATEST_DEADLINE) {
      throw new DomainError(ErrorCode.BadUserInput, '完成时限应为2004年至9999年之间的日期，如 2026-12-31', { field: 'deadline' });
    }
    const task: SupervisedTask = {
      id: randomUUID(),
      number: input.number,
      title,
      leadUnitId: input.leadUnitId,
      regionCode: input.regionCode,
      deadline,
      status: TaskStatus.IN_PROGRESS,
      version: 1,
    };
    await this.outbox.write(async (manager, record) => {
      await manager.insert(SupervisedTask, task);
      record({ topic: 'task.created', regionCode: task.regionCode, payload: eventPayload(task) });
    });
    return task;
  }

  /**
   * Marks a task done with a conditional update on (id, version): of two concurrent
   * supervisors exactly one wins; the other gets CONFLICT.
   */
  async complete(caller: Caller | null, id: string, expectedVersion: number): Promise<SupervisedTask> {
    requirePermission(caller, Permission.TASK_WRITE);
    const current = await this.load(id);
    requirePermission(caller, Permission.TASK_WRITE, current.regionCode);
    if (current.version !== expectedVersion) {
      throw new DomainError(ErrorCode.Conflict, '该任务已被他人修改，请刷新后重试', { id, version: current.version });
    }
    if (current.status !== TaskStatus.IN_PROGRESS) {
      throw new DomainError(ErrorCode.InvalidTransition, '当前状态不能执行该操作', { status: current.status, action: 'COMPLETE' });
    }
    return this.outbox.write(async (manager, record) => {
      const result = await manager
        .createQueryBuilder()
        .update(SupervisedTask)
        .set({ status: TaskStatus.DONE, version: expectedVersion + 1 })
        .where('id = :id AND version = :version AND status = :from', { id, version: expectedVersion, from: TaskStatus.IN_PROGRESS })
        .execute();
      if (result.affected !== 1) {
        throw new DomainError(ErrorCode.Conflict, '该任务已被他人修改，请刷新后重试', { id });
      }
      const updated = await manager.findOneByOrFail(SupervisedTask, { id });
      record({ topic: 'task.done', regionCode: updated.regionCode, payload: eventPayload(updated) });
      return updated;
    });
  }

  /** Counts over the region's whole subtree. */
  async stats(caller: Caller | null, regionCode: string): Promise<TaskStats> {
    // Shape first: "9901020000" lies within "990102" by prefix but its subtree is the province.
    requireRegionCode(regionCode, 'code');
    requirePermission(caller, Permission.STATS_READ, regionCode);
    const repository = this.dataSource.getRepository(SupervisedTask);
    const inSubtree = { regionCode: Like(`${subtreePrefix(regionCode)}%`) };
    const [total, open, overdue] = await Promise.all([
      repository.count({ where: inSubtree }),
      repository.count({ where: { ...inSubtree, status: TaskStatus.IN_PROGRESS } }),
      repository.count({ where: { ...inSubtree, status: TaskStatus.IN_PROGRESS, deadline: LessThan(now()) } }),
    ]);
    return { total, open, overdue };
  }

  private async load(id: string): Promise<SupervisedTask> {
    const task = await this.dataSource.getRepository(SupervisedTask).findOneBy({ id });
    if (!task) throw new DomainError(ErrorCode.NotFound, '未找到该督办任务', { id });
    return task;
  }

  /** Open tasks whose deadline passes: the screen's overdue count changes then. */
  readonly deadlines: DeadlineSource<SupervisedTask> = {
    name: 'task',
    topic: 'task.overdue',
    entity: SupervisedTask,
    dueColumn: 'deadline',
    open: { status: TaskStatus.IN_PROGRESS },
  };
}

function eventPayload(task: SupervisedTask) {
  return { id: task.id, number: task.number, title: task.title, status: task.status, leadUnitId: task.leadUnitId };
}
