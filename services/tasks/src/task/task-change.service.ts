import { Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { requireUuid } from '@bizenv/common/validate';
import { shanghaiDate } from '@bizenv/common/working-days';
import { IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import type { CampaignService } from '../campaign/campaign.service.js';
import { PlanChangeAction, PlanItemKind } from '../plan-change/plan-change-enums.js';
import { fieldChanges, recordPlanChange, requireVersion, requireWithdrawalReason } from '../plan-change/plan-change-log.js';
import { ProgressReport } from '../report/progress-report.entity.js';
import { refreshReportObligations } from '../report/report-obligations.js';
import { SupervisionStatus, SupervisionTargetKind } from '../supervision/supervision-enums.js';
import { Supervision } from '../supervision/supervision.entity.js';
import { DeadlineRule } from './deadline-rule.js';
import { pacedTarget } from './task-actual.service.js';
import type { UpdateSupervisedTaskInput } from './task-change-inputs.js';
import { taskDraft, type TaskDraft } from './task-draft.js';
import type { TaskTargetInput } from './task-inputs.js';
import { taskWarnAt } from './task-light.js';
import { behindFrom } from './task-pace.js';
import { TaskStatus } from './task-status.js';
import { SupervisedTaskUnit, UnitRole } from './task-unit.entity.js';
import { taskUnitRows, unitIdsOf, withUnits } from './task-units.js';
import { SupervisedTask } from './task.entity.js';
import { eventPayload, type TaskService } from './task.service.js';

const invalid = (field: string, message: string) => new DomainError(ErrorCode.BadUserInput, message, { field });
const stale = (id: string) => new DomainError(ErrorCode.Conflict, '该任务已被他人修改，请刷新后重试', { id });

function targetOf(task: SupervisedTask): TaskTargetInput | null {
  if (task.targetValue == null || !task.targetDirection) return null;
  return { baseline: task.targetBaseline ?? null, value: task.targetValue, unit: task.targetUnit ?? '', direction: task.targetDirection, text: task.targetText ?? null };
}

/** What the change log compares: the fields a correction may change, as stored. */
function logged(task: Pick<SupervisedTask, 'number' | 'title' | 'deadline' | 'deadlineRule' | 'startsAt' | 'targetBaseline' | 'targetValue' | 'targetUnit' | 'targetDirection' | 'targetText'>, lead: string[], co: string[]) {
  return {
    number: task.number,
    title: task.title,
    leadUnitIds: lead,
    responsibleUnitIds: co,
    deadline: task.deadline,
    deadlineRule: task.deadlineRule ?? DeadlineRule.DATE,
    startsAt: task.startsAt ?? null,
    targetBaseline: task.targetBaseline ?? null,
    targetValue: task.targetValue ?? null,
    targetUnit: task.targetUnit ?? null,
    targetDirection: task.targetDirection ?? null,
    targetText: task.targetText ?? null,
  };
}

/**
 * Corrections (修改) and withdrawals (撤销) of open tasks, by whoever may register tasks in the
 * task's region, each on the version the caller saw and logged with who, when and what.
 */
export class TaskChangeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly tasks: TaskService,
    private readonly campaigns: CampaignService,
  ) {}

  /** Only the fields given change; the task is checked whole as on registration, its lights and pace recounted. */
  async update(caller: Caller | null, id: string, expectedVersion: number, input: UpdateSupervisedTaskInput): Promise<SupervisedTask> {
    const current = await this.openTask(caller, id, expectedVersion, '修改');
    if (input.deadlineRule != null && input.deadline == null) throw invalid('deadline', '修改完成时限的表述方式时须一并给出完成时限');
    const campaign = current.campaignId ? await this.campaigns.load(this.dataSource.manager, current.campaignId, 'campaignId') : null;
    const draft = taskDraft(
      current.id,
      {
        number: input.number ?? current.number,
        title: input.title ?? current.title,
        regionCode: current.regionCode,
        leadUnitIds: input.leadUnitIds ?? unitIdsOf(current, UnitRole.LEAD),
        coUnitIds: input.responsibleUnitIds ?? unitIdsOf(current, UnitRole.CO),
        deadlineRule: input.deadlineRule ?? current.deadlineRule ?? DeadlineRule.DATE,
        deadline: input.deadline ?? shanghaiDate(current.deadline),
        startsOn: input.startsOn ?? null,
        target: input.target === undefined ? targetOf(current) : input.target,
      },
      { campaign, specialActionId: current.specialActionId ?? null, at: current.startsAt ?? current.createdAt ?? now() },
    );
    // Without a new start the task keeps its own (an instant, not a day), at the latest its deadline, as on registration.
    const kept = current.startsAt ?? draft.startsAt;
    const startsAt = input.startsOn != null ? draft.startsAt : kept > draft.deadline ? draft.deadline : kept;
    const next = this.nextRow(current, draft, startsAt);
    const changes = fieldChanges(logged(current, unitIdsOf(current, UnitRole.LEAD), unitIdsOf(current, UnitRole.CO)), logged(next, draft.leadUnitIds, draft.coUnitIds));
    if (!changes.length) return current;
    const at = now();
    const updated = await this.outbox.write(async (manager, record) => {
      if (campaign && next.number !== current.number && (await manager.existsBy(SupervisedTask, { campaignId: campaign.id, number: next.number }))) {
        throw new DomainError(ErrorCode.Conflict, `该活动方案中已有序号为${next.number}的任务`, { field: 'number', number: next.number });
      }
      await this.write(manager, current, { ...next, version: expectedVersion + 1 });
      if (changes.some((c) => c.field === 'leadUnitIds' || c.field === 'responsibleUnitIds')) {
        await manager.delete(SupervisedTaskUnit, { taskId: id });
        await manager.insert(SupervisedTaskUnit, taskUnitRows(id, draft.leadUnitIds, draft.coUnitIds));
      }
      const task = await manager.findOneByOrFail(SupervisedTask, { id });
      if (campaign) await refreshReportObligations(manager, task, draft.leadUnitIds, campaign, at);
      await recordPlanChange(manager, requirePermission(caller, Permission.TASK_WRITE), { kind: PlanItemKind.TASK, id }, { action: PlanChangeAction.UPDATE, changes, at });
      record({ topic: 'task.updated', regionCode: task.regionCode, payload: eventPayload(task) });
      return task;
    });
    return (await withUnits(this.dataSource.manager, [updated]))[0];
  }

  /**
   * 撤销 a task registered by mistake: kept (with its reports, actuals and change log) and
   * readable, but out of lists and statistics; the reports it owed and not filed are dropped.
   * A done task stays as it was; one under open supervision is withdrawn after the supervision closes.
   */
  async withdraw(caller: Caller | null, id: string, expectedVersion: number, reason: string): Promise<SupervisedTask> {
    const current = await this.openTask(caller, id, expectedVersion, '撤销');
    const why = requireWithdrawalReason(reason);
    if (await this.dataSource.manager.existsBy(Supervision, { targetKind: SupervisionTargetKind.TASK, targetId: id, status: Not(SupervisionStatus.CLOSED) })) {
      throw new DomainError(ErrorCode.InvalidTransition, '该任务正在督办中，请先办结督办再撤销', { id, action: 'WITHDRAW' });
    }
    const at = now();
    const updated = await this.outbox.write(async (manager, record) => {
      await this.write(manager, current, { status: TaskStatus.WITHDRAWN, withdrawnAt: at, withdrawalReason: why, version: expectedVersion + 1 });
      await manager.delete(ProgressReport, { taskId: id, submittedAt: IsNull() });
      const changes = [{ field: 'status', from: current.status, to: TaskStatus.WITHDRAWN }];
      await recordPlanChange(manager, requirePermission(caller, Permission.TASK_WRITE), { kind: PlanItemKind.TASK, id }, { action: PlanChangeAction.WITHDRAW, changes, reason: why, at });
      const task = await manager.findOneByOrFail(SupervisedTask, { id });
      record({ topic: 'task.withdrawn', regionCode: task.regionCode, payload: eventPayload(task) });
      return task;
    });
    return (await withUnits(this.dataSource.manager, [updated]))[0];
  }

  /** The task, in the caller's write scope, at the version they saw, still in progress. */
  private async openTask(caller: Caller | null, id: string, expectedVersion: number, verb: string): Promise<SupervisedTask> {
    requirePermission(caller, Permission.TASK_WRITE);
    requireUuid(id, 'id', '任务');
    const current = (await withUnits(this.dataSource.manager, [await this.tasks.load(this.dataSource.manager, id)]))[0];
    requirePermission(caller, Permission.TASK_WRITE, current.regionCode);
    requireVersion(current, expectedVersion, '任务');
    if (current.status !== TaskStatus.IN_PROGRESS) {
      throw new DomainError(ErrorCode.InvalidTransition, `只有推进中的任务可以${verb}`, { status: current.status, action: verb === '修改' ? 'UPDATE' : 'WITHDRAW' });
    }
    return current;
  }

  /** The corrected row: pace and the yellow light counted as `reportTaskActual` counts them, from the latest actual. */
  private nextRow(current: SupervisedTask, draft: TaskDraft, startsAt: Date) {
    const next = {
      number: draft.number,
      title: draft.title,
      leadUnitId: draft.leadUnitIds[0],
      deadline: draft.deadline,
      deadlineRule: draft.deadlineRule,
      startsAt,
      targetBaseline: draft.target?.baseline ?? null,
      targetValue: draft.target?.value ?? null,
      targetUnit: draft.target?.unit ?? null,
      targetDirection: draft.target?.direction ?? null,
      targetText: draft.target?.text ?? null,
    };
    const paced = pacedTarget({ ...current, ...next });
    const behindAt = paced ? behindFrom(paced, current.latestActual ?? null) : null;
    return { ...next, behindAt, warnAt: taskWarnAt(draft.deadline, behindAt, this.tasks.calendar) };
  }

  /** A conditional update on (id, version, open): of two concurrent changes one wins, the other gets CONFLICT. */
  private async write(manager: EntityManager, current: SupervisedTask, changes: Partial<SupervisedTask>): Promise<void> {
    const result = await manager
      .createQueryBuilder()
      .update(SupervisedTask)
      .set(changes)
      .where('id = :id AND version = :version AND status = :open', { id: current.id, version: current.version, open: TaskStatus.IN_PROGRESS })
      .execute();
    if (result.affected !== 1) throw stale(current.id);
  }
}
