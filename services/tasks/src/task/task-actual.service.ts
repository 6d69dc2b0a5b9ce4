import { randomUUID } from 'node:crypto';
import type { Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { requireText, requireUuid } from '@bizenv/common/validate';
import { shanghaiDate } from '@bizenv/common/working-days';
import type { DataSource, EntityManager } from 'typeorm';
import { requireUnitActor } from '../ledger/unit-actor.js';
import { isDay } from './task-deadline.js';
import type { ReportTaskActualInput } from './task-inputs.js';
import { taskWarnAt } from './task-light.js';
import { behindFrom, type PacedTarget } from './task-pace.js';
import { TaskStatus } from './task-status.js';
import { TaskActual } from './task-actual.entity.js';
import { UnitRole } from './task-unit.entity.js';
import { unitIdsOf, withUnits } from './task-units.js';
import { SupervisedTask } from './task.entity.js';
import { eventPayload, type TaskService } from './task.service.js';

/** The target of a task as pace needs it, or null for a task without one. */
export function pacedTarget(task: SupervisedTask): PacedTarget | null {
  if (task.targetValue == null || !task.targetDirection) return null;
  return {
    baseline: task.targetBaseline ?? null,
    target: task.targetValue,
    direction: task.targetDirection,
    startsAt: task.startsAt ?? task.createdAt ?? task.deadline,
    deadline: task.deadline,
  };
}

/** The unit a caller reports for: their own if it leads the task, else the first lead unit. */
export function actingLeadUnit(caller: Caller | null, task: SupervisedTask): string {
  const leads = unitIdsOf(task, UnitRole.LEAD);
  return caller?.unitId && leads.includes(caller.unitId) ? caller.unitId : task.leadUnitId;
}

/** 实际值: what lead units (or supervisors) report against a task's target; pace follows from them. */
export class TaskActualService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly tasks: TaskService,
  ) {}

  /** Newest first; the caller has read the task. */
  ofTask(taskId: string): Promise<TaskActual[]> {
    return this.dataSource.getRepository(TaskActual).find({ where: { taskId }, order: { measuredOn: 'DESC', reportedAt: 'DESC' } });
  }

  /**
   * Records an actual and moves the task's latest value, the moment it falls behind pace, and
   * its yellow light accordingly, all in one transaction.
   */
  async report(caller: Caller | null, input: ReportTaskActualInput): Promise<SupervisedTask> {
    requireUuid(input.taskId, 'taskId', '任务');
    const task = (await withUnits(this.dataSource.manager, [await this.tasks.load(this.dataSource.manager, input.taskId, 'taskId')]))[0];
    const actor = requireUnitActor(caller, task.regionCode, actingLeadUnit(caller, task));
    const target = pacedTarget(task);
    if (!target) throw new DomainError(ErrorCode.InvalidTransition, '此任务没有量化目标，无需填报实际值', { field: 'taskId' });
    if (task.status !== TaskStatus.IN_PROGRESS) throw new DomainError(ErrorCode.InvalidTransition, '任务已完成，不能再填报实际值', { field: 'taskId' });
    if (!Number.isFinite(input.value) || Math.abs(input.value) > 1e12) throw new DomainError(ErrorCode.BadUserInput, '实际值应为有限的数', { field: 'value' });
    const at = now();
    const measuredOn = input.measuredOn ?? shanghaiDate(at);
    if (!isDay(measuredOn) || measuredOn > shanghaiDate(at)) {
      throw new DomainError(ErrorCode.BadUserInput, '统计日期应为今天或以前的日期，如 2026-06-30', { field: 'measuredOn' });
    }
    const actual: TaskActual = {
      id: randomUUID(),
      taskId: task.id,
      measuredOn,
      value: input.value,
      note: input.note == null || !input.note.trim() ? null : requireText(input.note, 'note', '说明', 200),
      reporterId: actor.id,
      reporterName: actor.name,
      reporterUnitId: actor.unitId ?? null,
      reportedAt: at,
    };
    const updated = await this.outbox.write(async (manager, record) => {
      await manager.insert(TaskActual, actual);
      const fresh = await this.recompute(manager, task.id, target);
      record({ topic: 'task.actual', regionCode: fresh.regionCode, payload: eventPayload(fresh) });
      return fresh;
    });
    return (await withUnits(this.dataSource.manager, [updated]))[0];
  }

  /** The latest value (by the day measured, then by when reported) decides pace and the yellow light. */
  private async recompute(manager: EntityManager, taskId: string, target: PacedTarget): Promise<SupervisedTask> {
    const latest = await manager.getRepository(TaskActual).findOne({ where: { taskId }, order: { measuredOn: 'DESC', reportedAt: 'DESC' } });
    const latestActual = latest?.value ?? null;
    const behindAt = behindFrom(target, latestActual);
    await manager
      .createQueryBuilder()
      .update(SupervisedTask)
      .set({ latestActual, behindAt, warnAt: taskWarnAt(target.deadline, behindAt, this.tasks.calendar), version: () => 'version + 1' })
      .where('id = :id', { id: taskId })
      .execute();
    return manager.findOneByOrFail(SupervisedTask, { id: taskId });
  }
}
