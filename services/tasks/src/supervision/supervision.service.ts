import { randomUUID } from 'node:crypto';
import { actorName, ownUnitOnly, Permission, requireItem, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import type { DeadlineSource } from '@bizenv/common/deadline-watcher';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { isWithin, subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireText, requireUuid } from '@bizenv/common/validate';
import type { WorkingCalendar } from '@bizenv/common/working-days';
import type { DataSource, EntityManager } from 'typeorm';
import { optionalText } from '../ledger/problem-fields.js';
import { requireOwnUnit } from '../ledger/unit-actor.js';
import { BulletinEntry } from './bulletin-entry.entity.js';
import { Bulletin } from './bulletin.entity.js';
import { BulletinVerdict, SupervisionAction, SupervisionLevel, SupervisionStatus, SupervisionTargetKind } from './supervision-enums.js';
import type {
  CloseSupervisionInput,
  EscalateSupervisionInput,
  RespondToSupervisionInput,
  SuperviseItemInput,
  SupervisionFilter,
} from './supervision-inputs.js';
import { checkEscalation, ladderStep, MAX_RESPONSE_WORKING_DAYS, SUPERVISION_TRANSITIONS } from './supervision-ladder.js';
import { SupervisionStep } from './supervision-step.entity.js';
import { activeKey, loadTarget, requireOpenTarget, type SupervisionTarget } from './supervision-target.js';
import { Supervision } from './supervision.entity.js';

const CONFLICT = '该督办事项已被他人修改，请刷新后重试';

/** What an escalation asks for, checked. */
interface Escalation {
  level: SupervisionLevel;
  reason: string;
  skipReason: string | null;
  responseWorkingDays: number;
  bulletinId: string | null;
}

type StepDetails = Partial<Pick<SupervisionStep, 'reason' | 'skipReason' | 'response' | 'responseDueAt' | 'bulletinId'>>;

/** 督办 escalating as data: 催办 → 督办单 → 挂牌督办 → 通报, each answered by the unit in working days. */
export class SupervisionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    /** This subgraph's working calendar, with the years loaded at run time. */
    private readonly calendar: WorkingCalendar,
  ) {}

  /** Opens a supervision of an unfinished task or problem at its first level. */
  async supervise(caller: Caller | null, input: SuperviseItemInput): Promise<Supervision> {
    requireUuid(input.targetId, 'targetId', '督办对象');
    const escalation = escalationFields(input);
    checkEscalation(null, escalation.level, escalation.skipReason);
    requirePermission(caller, Permission.TASK_WRITE);
    const target = await loadTarget(this.dataSource.manager, input.targetKind, input.targetId);
    const actor = requirePermission(caller, Permission.TASK_WRITE, target.regionCode);
    requireOpenTarget(target);
    const key = activeKey(input.targetKind, input.targetId);
    const at = now();
    const due = this.calendar.addWorkingDays(at, escalation.responseWorkingDays);
    const supervision: Supervision = {
      id: randomUUID(),
      targetKind: input.targetKind,
      targetId: input.targetId,
      activeKey: key,
      title: target.title,
      unitId: target.unitId,
      regionCode: target.regionCode,
      level: escalation.level,
      status: SupervisionStatus.AWAITING_RESPONSE,
      responseDueAt: due.dueAt,
      stepIssuedAt: at,
      responseWorkingDays: escalation.responseWorkingDays,
      deadlineProvisional: due.provisional,
      openedAt: at,
      version: 1,
    };
    return this.outbox.write(async (manager, record) => {
      await this.requireBulletin(manager, escalation, target);
      const open = await manager.findOneBy(Supervision, { activeKey: key });
      if (open) throw new DomainError(ErrorCode.Conflict, '该事项已在督办中，请升级原督办', { id: open.id });
      await manager.insert(Supervision, supervision);
      await this.recordStep(manager, actor, supervision, null, null, SupervisionAction.ESCALATE, at, {
        reason: escalation.reason,
        skipReason: escalation.skipReason,
        responseDueAt: supervision.responseDueAt,
        bulletinId: escalation.bulletinId,
      });
      record({ topic: 'supervision.opened', regionCode: supervision.regionCode, payload: eventPayload(supervision) });
      return supervision;
    });
  }

  /** Raises the level (one at a time, or more with a reason) and sets a new response deadline. */
  escalate(caller: Caller | null, input: EscalateSupervisionInput): Promise<Supervision> {
    const escalation = escalationFields(input);
    return this.step(caller, SupervisionAction.ESCALATE, input.id, input.expectedVersion, async (current, manager, at) => {
      checkEscalation(current.level, escalation.level, escalation.skipReason);
      const target = await loadTarget(manager, current.targetKind, current.targetId);
      requireOpenTarget(target);
      await this.requireBulletin(manager, escalation, target);
      const due = this.calendar.addWorkingDays(at, escalation.responseWorkingDays);
      return {
        changes: {
          level: escalation.level,
          responseDueAt: due.dueAt,
          stepIssuedAt: at,
          responseWorkingDays: escalation.responseWorkingDays,
          deadlineProvisional: due.provisional,
        },
        details: { reason: escalation.reason, skipReason: escalation.skipReason, responseDueAt: due.dueAt, bulletinId: escalation.bulletinId },
      };
    });
  }

  /** 回复: the supervised unit answers; late answers are kept and show as late. */
  respond(caller: Caller | null, input: RespondToSupervisionInput): Promise<Supervision> {
    const response = requireText(input.response, 'response', '回复内容', 2000);
    return this.step(caller, SupervisionAction.RESPOND, input.id, input.expectedVersion, async (current) => ({
      changes: {},
      details: { response, responseDueAt: current.responseDueAt },
    }));
  }

  /** 解除督办: the item is done, or supervision is no longer needed. */
  close(caller: Caller | null, input: CloseSupervisionInput): Promise<Supervision> {
    const reason = requireText(input.reason, 'reason', '解除理由', 500);
    return this.step(caller, SupervisionAction.CLOSE, input.id, input.expectedVersion, async () => ({
      changes: { activeKey: null },
      details: { reason },
    }));
  }

  async get(caller: Caller | null, id: string): Promise<Supervision> {
    requirePermission(caller, Permission.TASK_READ);
    const supervision = await this.load(id);
    requireItem(caller, Permission.TASK_READ, supervision);
    return supervision;
  }

  /** Soonest response deadline first; a unit operator sees only their unit's. */
  list(caller: Caller | null, filter: SupervisionFilter, page: PageArgs): Promise<Page<Supervision>> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    if (filter.unitId != null) requireUuid(filter.unitId, 'filter.unitId', '被督办单位');
    if (filter.targetId != null) requireUuid(filter.targetId, 'filter.targetId', '督办对象');
    const scope = requireListScope(caller, Permission.TASK_READ, filter.regionCode);
    const query = this.dataSource
      .getRepository(Supervision)
      .createQueryBuilder('s')
      .where('s.regionCode LIKE :prefix', { prefix: `${subtreePrefix(scope.regionCode)}%` });
    if (scope.unitId) query.andWhere('s.unitId = :ownUnit', { ownUnit: scope.unitId });
    if (filter.unitId != null) query.andWhere('s.unitId = :unitId', { unitId: filter.unitId });
    if (filter.level != null) query.andWhere('s.level = :level', { level: filter.level });
    if (filter.status != null) query.andWhere('s.status = :status', { status: filter.status });
    if (filter.targetId != null) query.andWhere('s.targetId = :targetId', { targetId: filter.targetId });
    if (filter.overdue != null) {
      const condition = filter.overdue ? '(s.status = :awaiting AND s.responseDueAt < :now)' : '(s.status <> :awaiting OR s.responseDueAt >= :now)';
      query.andWhere(condition, { awaiting: SupervisionStatus.AWAITING_RESPONSE, now: now() });
    }
    return paginate(query, [{ column: 's.responseDueAt', property: 'responseDueAt' }, { column: 's.id', property: 'id' }], page);
  }

  /**
   * Supervisions of one task or problem the caller already may read, newest first; a unit
   * operator (a task's co-unit, say) gets only those their unit must answer, as in `list`.
   */
  ofTarget(caller: Caller | null, kind: SupervisionTargetKind, targetId: string): Promise<Supervision[]> {
    const own = caller && ownUnitOnly(caller) ? { unitId: caller.unitId ?? '' } : {};
    return this.dataSource.getRepository(Supervision).find({ where: { targetKind: kind, targetId, ...own }, order: { openedAt: 'DESC', id: 'DESC' } });
  }

  /** 督办记录, oldest first. */
  timeline(caller: Caller | null, supervision: Supervision): Promise<SupervisionStep[]> {
    requireItem(caller, Permission.TASK_READ, supervision);
    return this.dataSource.getRepository(SupervisionStep).find({ where: { supervisionId: supervision.id }, order: { at: 'ASC', id: 'ASC' } });
  }

  /**
   * One status change as the transition table says, with a conditional update on
   * (id, version, status): of two concurrent actors exactly one wins; the other gets CONFLICT.
   */
  private async step(
    caller: Caller | null,
    action: SupervisionAction,
    id: string,
    expectedVersion: number,
    prepare: (current: Supervision, manager: EntityManager, at: Date) => Promise<{ changes: Partial<Supervision>; details: StepDetails }>,
  ): Promise<Supervision> {
    const rule = SUPERVISION_TRANSITIONS[action];
    requirePermission(caller, rule.permission);
    const current = await this.load(id);
    const actor = requirePermission(caller, rule.permission, current.regionCode);
    if (rule.ownUnit) requireOwnUnit(actor, current.unitId);
    if (current.version !== expectedVersion) throw new DomainError(ErrorCode.Conflict, CONFLICT, { id, version: current.version });
    if (!rule.from.includes(current.status)) {
      throw new DomainError(ErrorCode.InvalidTransition, '当前状态不能执行该操作', { status: current.status, action });
    }
    return this.outbox.write(async (manager, record) => {
      const at = now();
      const { changes, details } = await prepare(current, manager, at);
      const result = await manager
        .createQueryBuilder()
        .update(Supervision)
        .set({ ...changes, status: rule.to, version: current.version + 1 })
        .where('id = :id AND version = :version AND status = :status', { id, version: current.version, status: current.status })
        .execute();
      if (result.affected !== 1) throw new DomainError(ErrorCode.Conflict, CONFLICT, { id });
      const updated = await manager.findOneByOrFail(Supervision, { id });
      await this.recordStep(manager, actor, updated, current.level, current.status, action, at, details);
      record({ topic: `supervision.${topicOf[action]}`, regionCode: updated.regionCode, payload: eventPayload(updated) });
      return updated;
    });
  }

  private async recordStep(
    manager: EntityManager,
    actor: Caller,
    after: Supervision,
    fromLevel: SupervisionLevel | null,
    fromStatus: SupervisionStatus | null,
    action: SupervisionAction,
    at: Date,
    details: StepDetails,
  ): Promise<void> {
    await manager.insert(SupervisionStep, {
      supervisionId: after.id,
      action,
      fromLevel,
      toLevel: after.level,
      fromStatus,
      toStatus: after.status,
      reason: null,
      skipReason: null,
      response: null,
      responseDueAt: null,
      bulletinId: null,
      ...details,
      actorId: actor.id,
      actorName: actorName(actor),
      at,
    });
  }

  /** A 通报 step names the bulletin that criticised the unit, published for a region holding the item. */
  private async requireBulletin(manager: EntityManager, escalation: Escalation, target: SupervisionTarget): Promise<void> {
    if (!escalation.bulletinId) return;
    const bulletin = await manager.findOneBy(Bulletin, { id: escalation.bulletinId });
    const named = bulletin && (await manager.findOneBy(BulletinEntry, { bulletinId: bulletin.id, unitId: target.unitId, verdict: BulletinVerdict.CRITICISED }));
    if (!bulletin || !named || !isWithin(target.regionCode, bulletin.regionCode)) {
      throw new DomainError(ErrorCode.BadUserInput, '所选通报须是本区域发布、点名批评该单位的通报', { field: 'bulletinId' });
    }
  }

  private async load(id: string): Promise<Supervision> {
    const supervision = await this.dataSource.getRepository(Supervision).findOneBy({ id });
    if (!supervision) throw new DomainError(ErrorCode.NotFound, '未找到该督办事项', { id });
    return supervision;
  }

  /** A response deadline passing without a response: the item turns overdue then. */
  readonly deadlines: DeadlineSource<Supervision> = {
    name: 'supervision',
    topic: 'supervision.overdue',
    entity: Supervision,
    dueColumn: 'responseDueAt',
    open: { status: SupervisionStatus.AWAITING_RESPONSE },
  };
}

const topicOf: Record<SupervisionAction, string> = {
  [SupervisionAction.ESCALATE]: 'escalated',
  [SupervisionAction.RESPOND]: 'responded',
  [SupervisionAction.CLOSE]: 'closed',
};

/** An escalation's inputs, checked (the ladder itself is checked against the current level). */
function escalationFields(input: {
  level: SupervisionLevel;
  reason: string;
  skipReason?: string | null;
  responseWorkingDays?: number | null;
  bulletinId?: string | null;
}): Escalation {
  const reason = requireText(input.reason, 'reason', '督办理由', 500);
  const skipReason = optionalText(input.skipReason, 'skipReason', '越级理由', 500);
  const step = ladderStep(input.level);
  const days = input.responseWorkingDays ?? step.responseWorkingDays;
  if (!Number.isInteger(days) || days < 1 || days > MAX_RESPONSE_WORKING_DAYS) {
    throw new DomainError(ErrorCode.BadUserInput, `回复期限应为1–${MAX_RESPONSE_WORKING_DAYS}个工作日`, { field: 'responseWorkingDays' });
  }
  const bulletinId = input.bulletinId ?? null;
  if (step.needsBulletin && !bulletinId) throw new DomainError(ErrorCode.BadUserInput, '通报须指明点名批评该单位的通报', { field: 'bulletinId' });
  if (!step.needsBulletin && bulletinId) throw new DomainError(ErrorCode.BadUserInput, '只有通报级别需要填写通报', { field: 'bulletinId' });
  if (bulletinId) requireUuid(bulletinId, 'bulletinId', '通报');
  return { level: input.level, reason, skipReason, responseWorkingDays: days, bulletinId };
}

function eventPayload(supervision: Supervision) {
  return {
    id: supervision.id,
    title: supervision.title,
    level: supervision.level,
    status: supervision.status,
    unitId: supervision.unitId,
    targetKind: supervision.targetKind,
    targetId: supervision.targetId,
  };
}
