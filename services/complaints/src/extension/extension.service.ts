import { randomUUID } from 'node:crypto';
import { actorName, Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { requireText } from '@bizenv/common/validate';
import { endOfShanghaiDay, type WorkingCalendar } from '@bizenv/common/working-days';
import type { DataSource, EntityManager } from 'typeorm';
import { requireClueVisible } from '../clue/clue-visibility.js';
import { ComplaintTimelineAction } from '../complaint/complaint-enums.js';
import { recordStep } from '../complaint/complaint-timeline.js';
import { Complaint } from '../complaint/complaint.entity.js';
import { governedBy, DueKind } from '@bizenv/common/closed-loop-deadlines';
import { ComplaintExtension, ExtensionStatus } from './complaint-extension.entity.js';
import type { DecideExtensionInput, RequestExtensionInput } from './extension-inputs.js';
import { checkedUntil } from './extension-limit.js';

/** Signed for and being handled by the unit: the stages in which a unit may ask for more time. */
const REQUESTABLE: readonly DispatchStatus[] = [DispatchStatus.ACCEPTED, DispatchStatus.REPLIED];

/**
 * 延期: the handling unit asks (complaint:handle, its own complaints), a hotline operator
 * (complaint:dispatch, as for the other steering steps) approves or rejects. Each step names the
 * version it saw, bumps it, and is recorded in the timeline with who and why; an approval moves
 * the close deadline, and with it the light, the overdue state and the counts, at once.
 */
export class ExtensionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly calendar: WorkingCalendar,
  ) {}

  /** Oldest first; the caller was checked for the complaint itself. */
  list(complaintId: string): Promise<ComplaintExtension[]> {
    return this.dataSource.getRepository(ComplaintExtension).find({ where: { complaintId }, order: { requestedAt: 'ASC', id: 'ASC' } });
  }

  async request(caller: Caller | null, input: RequestExtensionInput): Promise<Complaint> {
    requirePermission(caller, Permission.COMPLAINT_HANDLE);
    const reason = requireText(input.reason, 'reason', '理由', 500);
    const current = await this.load(caller, input.id);
    const actor = requirePermission(caller, Permission.COMPLAINT_HANDLE, current.regionCode);
    if (!actor.unitId || actor.unitId !== current.unitId) throw new DomainError(ErrorCode.Forbidden, '只能为本单位承办的投诉申请延期');
    checkVersion(current, input.expectedVersion);
    if (!REQUESTABLE.includes(current.dispatchStatus)) {
      throw new DomainError(ErrorCode.InvalidTransition, '签收后、办结前才能申请延期', { status: current.dispatchStatus });
    }
    if (current.closeDueAt <= now()) throw new DomainError(ErrorCode.InvalidTransition, '办结期限已过，不能再申请延期', { closeDueAt: current.closeDueAt });
    if (await this.pending(this.dataSource.manager, current.id)) throw new DomainError(ErrorCode.InvalidTransition, '已有待审批的延期申请');
    const until = checkedUntil(input.until, current.receivedAt, current.closeDueAt);
    return this.outbox.write(async (manager, record) => {
      const updated = await bump(manager, current, {});
      const at = now();
      await manager.insert(ComplaintExtension, {
        id: randomUUID(),
        complaintId: current.id,
        unitId: actor.unitId!,
        reason,
        requestedUntil: until,
        requestedById: actor.id,
        requestedByName: actorName(actor),
        requestedAt: at,
        status: ExtensionStatus.PENDING,
        decidedById: null,
        decidedByName: null,
        decidedAt: null,
        decisionNote: null,
        previousCloseDueAt: current.closeDueAt,
      });
      await this.step(manager, actor, updated, ComplaintTimelineAction.EXTEND_REQUEST, reason, `申请延期至${until}`, at);
      record({ topic: 'complaint.extension-requested', regionCode: updated.regionCode, payload: payloadOf(updated) });
      return updated;
    });
  }

  /** The close deadline becomes the end of the requested day; it governs after the reply. */
  approve(caller: Caller | null, input: DecideExtensionInput): Promise<Complaint> {
    return this.decide(caller, input, ExtensionStatus.APPROVED);
  }

  reject(caller: Caller | null, input: DecideExtensionInput): Promise<Complaint> {
    return this.decide(caller, input, ExtensionStatus.REJECTED);
  }

  private async decide(caller: Caller | null, input: DecideExtensionInput, status: ExtensionStatus.APPROVED | ExtensionStatus.REJECTED): Promise<Complaint> {
    requirePermission(caller, Permission.COMPLAINT_DISPATCH);
    const approving = status === ExtensionStatus.APPROVED;
    const note = input.note != null || !approving ? requireText(input.note ?? '', 'note', '审批意见', 500) : null;
    const current = await this.load(caller, input.id);
    const actor = requirePermission(caller, Permission.COMPLAINT_DISPATCH, current.regionCode);
    checkVersion(current, input.expectedVersion);
    if (current.dispatchStatus === DispatchStatus.CLOSED) throw new DomainError(ErrorCode.InvalidTransition, '投诉已办结，不能再审批延期');
    const pending = await this.pending(this.dataSource.manager, current.id);
    if (!pending) throw new DomainError(ErrorCode.InvalidTransition, '没有待审批的延期申请');
    const changes: Partial<Complaint> = {};
    if (approving) {
      const closeDueAt = endOfShanghaiDay(checkedUntil(pending.requestedUntil, current.receivedAt, current.closeDueAt));
      Object.assign(changes, {
        closeDueAt,
        closeExtended: true,
        // The close deadline is a date now; only the reply deadline may still be provisional.
        deadlineProvisional: this.calendar.addWorkingDays(current.receivedAt, current.replyWorkingDays).provisional,
        ...(current.dueKind === DueKind.CLOSE ? governedBy({ ...current, closeDueAt }, 'closeDueAt', this.calendar) : {}),
      });
    }
    return this.outbox.write(async (manager, record) => {
      const updated = await bump(manager, current, changes);
      const at = now();
      const decided = await manager
        .createQueryBuilder()
        .update(ComplaintExtension)
        .set({ status, decidedById: actor.id, decidedByName: actorName(actor), decidedAt: at, decisionNote: note })
        .where('id = :id AND status = :pending', { id: pending.id, pending: ExtensionStatus.PENDING })
        .execute();
      if (decided.affected !== 1) throw conflict(current.id);
      const action = approving ? ComplaintTimelineAction.EXTEND_APPROVE : ComplaintTimelineAction.EXTEND_REJECT;
      const summary = approving ? `批准延期至${pending.requestedUntil}` : `不予批准延期至${pending.requestedUntil}`;
      await this.step(manager, actor, updated, action, note, summary, at);
      const topic = approving ? 'complaint.extended' : 'complaint.extension-rejected';
      record({ topic, regionCode: updated.regionCode, payload: payloadOf(updated) });
      return updated;
    });
  }

  private pending(manager: EntityManager, complaintId: string): Promise<ComplaintExtension | null> {
    return manager.findOneBy(ComplaintExtension, { complaintId, status: ExtensionStatus.PENDING });
  }

  /** As `act` finds it: a transferred clue does not exist to anyone but a discipline inspector. */
  private async load(caller: Caller | null, id: string): Promise<Complaint> {
    const complaint = await this.dataSource.getRepository(Complaint).findOneBy({ id });
    if (!complaint) throw new DomainError(ErrorCode.NotFound, '未找到该投诉', { id });
    await requireClueVisible(this.dataSource.manager, caller, id);
    return complaint;
  }

  private step(manager: EntityManager, actor: Caller, complaint: Complaint, action: ComplaintTimelineAction, reason: string | null, note: string, at: Date) {
    return recordStep(manager, actor, {
      complaintId: complaint.id,
      action,
      fromStatus: complaint.dispatchStatus,
      toStatus: complaint.dispatchStatus,
      unitId: complaint.unitId,
      reason,
      note,
      at,
    });
  }
}

function conflict(id: string): DomainError {
  return new DomainError(ErrorCode.Conflict, '该投诉已被他人修改，请刷新后重试', { id });
}

function checkVersion(current: Complaint, expectedVersion: number): void {
  if (current.version !== expectedVersion) {
    throw new DomainError(ErrorCode.Conflict, '该投诉已被他人修改，请刷新后重试', { id: current.id, version: current.version });
  }
}

/** The change and a new version, only if nobody changed the complaint since it was read. */
async function bump(manager: EntityManager, current: Complaint, changes: Partial<Complaint>): Promise<Complaint> {
  const result = await manager
    .createQueryBuilder()
    .update(Complaint)
    .set({ ...changes, version: current.version + 1 })
    .where('id = :id AND version = :version', { id: current.id, version: current.version })
    .execute();
  if (result.affected !== 1) throw conflict(current.id);
  return manager.findOneByOrFail(Complaint, { id: current.id });
}

/** Never the reason: events reach every screen of the region. */
function payloadOf(complaint: Complaint) {
  return { id: complaint.id, title: complaint.title, status: complaint.dispatchStatus, closeDueAt: complaint.closeDueAt.toISOString() };
}
