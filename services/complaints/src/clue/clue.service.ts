import { randomUUID } from 'node:crypto';
import { isWithin, subtreePrefix } from '@bizenv/common/region-code';
import { actorName, Permission, permissionsOf, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import { inTransaction } from '@bizenv/common/data-source';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { requireRegionCode, requireText, requireUuid } from '@bizenv/common/validate';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AuditResult } from '@bizenv/common/audit-entry.entity';
import { AuditAction } from '../audit/audit-action.js';
import { appendAudit, auditedCheck } from '@bizenv/common/audit-log';
import { ComplaintTimelineAction } from '../complaint/complaint-enums.js';
import { adjustTally } from '../complaint/complaint-tally.js';
import { recordStep } from '../complaint/complaint-timeline.js';
import { Complaint } from '../complaint/complaint.entity.js';
import { bumpComplaintVersion } from '../complaint/complaint-version.js';
import { tallyStep } from '../stats/stat-tally.js';
import type { ClueFilter } from './clue-inputs.js';
import { ClueStatus, ClueTransfer } from './clue-transfer.entity.js';
import { requireClueVisible } from './clue-visibility.js';

const notFound = (id: string) => new DomainError(ErrorCode.NotFound, '未找到该线索移交记录', { id });
const alreadyDecided = (id: string) => new DomainError(ErrorCode.Conflict, '该线索移交已被审批，请刷新后查看', { id });

/**
 * 线索移交 to the discipline commission: a hotline operator proposes (with a reason), a discipline
 * inspector approves or declines (never their own proposal). Approval closes the complaint in the
 * 12345 loop (the commission takes it over) and from then on only discipline inspectors see it.
 * Proposals and declines leave no trace the handling unit can see: no timeline step, no event.
 * Every step, and every refused attempt, is in the audit log.
 */
export class ClueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async propose(caller: Caller | null, complaintId: string, reason: string): Promise<ClueTransfer> {
    requireUuid(complaintId, 'complaintId', '投诉');
    const text = requireText(reason, 'reason', '移交理由', 500);
    const proposer = await auditedCheck(this.dataSource, caller, AuditAction.CLUE_PROPOSE, complaintId, async () => {
      requirePermission(caller, Permission.COMPLAINT_DISPATCH);
      const complaint = await this.complaint(this.dataSource.manager, caller, complaintId);
      return requirePermission(caller, Permission.COMPLAINT_DISPATCH, complaint.regionCode);
    });
    return inTransaction(this.dataSource, async (manager) => {
      // Concurrent proposals for one complaint queue on its row; the second finds the first.
      const complaint = await this.complaint(manager, caller, complaintId, true);
      if (await manager.existsBy(ClueTransfer, { complaintId, status: In([ClueStatus.PROPOSED, ClueStatus.TRANSFERRED]) })) {
        throw new DomainError(ErrorCode.Conflict, '该投诉已有待审批的线索移交', { complaintId });
      }
      const clue: ClueTransfer = {
        id: randomUUID(),
        complaintId,
        regionCode: complaint.regionCode,
        status: ClueStatus.PROPOSED,
        reason: text,
        proposedById: proposer.id,
        proposedByName: actorName(proposer),
        proposedAt: now(),
        approverId: null,
        approverName: null,
        decidedAt: null,
        declineReason: null,
      };
      await manager.insert(ClueTransfer, clue);
      await appendAudit(manager, { actor: proposer, action: AuditAction.CLUE_PROPOSE, targetId: complaintId, result: AuditResult.ALLOWED, detail: text });
      return clue;
    });
  }

  /** 批准移交: the complaint is closed with a TRANSFER_CLUE step and leaves everyone's view but the inspectors'. */
  async approve(caller: Caller | null, id: string): Promise<ClueTransfer> {
    const { clue, approver } = await this.decision(caller, id, AuditAction.CLUE_APPROVE);
    return this.outbox.write(async (manager, record) => {
      const decided = await this.decide(manager, clue, approver, { status: ClueStatus.TRANSFERRED });
      const before = await this.complaint(manager, approver, clue.complaintId, true);
      const after: Complaint = { ...before, dispatchStatus: DispatchStatus.CLOSED, version: before.version + 1 };
      // a concurrent action on the complaint makes this CONFLICT, never a transferred clue left open
      await bumpComplaintVersion(manager, before, { dispatchStatus: after.dispatchStatus });
      if (before.dispatchStatus !== after.dispatchStatus) {
        await adjustTally(manager, after.regionCode, before.dispatchStatus, -1);
        await adjustTally(manager, after.regionCode, after.dispatchStatus, 1);
        await tallyStep(manager, before, after, { action: ComplaintTimelineAction.TRANSFER_CLUE, at: decided.decidedAt! });
      }
      await recordStep(manager, approver, {
        complaintId: before.id,
        action: ComplaintTimelineAction.TRANSFER_CLUE,
        fromStatus: before.dispatchStatus,
        toStatus: after.dispatchStatus,
        reason: clue.reason,
        at: decided.decidedAt!,
      });
      // Only the id: screens recount, the feed shows nothing and forgets the title it showed.
      record({ topic: 'complaint.clue_transferred', regionCode: after.regionCode, payload: { id: after.id } });
      await appendAudit(manager, { actor: approver, action: AuditAction.CLUE_APPROVE, targetId: clue.complaintId, result: AuditResult.ALLOWED, detail: null });
      return decided;
    });
  }

  /** 不予接收: the complaint stays in the 12345 loop; a new proposal may follow. */
  async decline(caller: Caller | null, id: string, reason: string): Promise<ClueTransfer> {
    const text = requireText(reason, 'reason', '不予接收的理由', 500);
    const { clue, approver } = await this.decision(caller, id, AuditAction.CLUE_DECLINE);
    return inTransaction(this.dataSource, async (manager) => {
      const decided = await this.decide(manager, clue, approver, { status: ClueStatus.DECLINED, declineReason: text });
      await appendAudit(manager, { actor: approver, action: AuditAction.CLUE_DECLINE, targetId: clue.complaintId, result: AuditResult.ALLOWED, detail: text });
      return decided;
    });
  }

  /** Newest proposal first: discipline inspectors' work list, within their region. */
  list(caller: Caller | null, filter: ClueFilter, page: PageArgs): Promise<Page<ClueTransfer>> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    const scope = requireListScope(caller, Permission.CLUE_RECEIVE, filter.regionCode);
    const query = this.dataSource
      .getRepository(ClueTransfer)
      .createQueryBuilder('k')
      .where('k.regionCode LIKE :prefix', { prefix: `${subtreePrefix(scope.regionCode)}%` });
    if (filter.status != null) query.andWhere('k.status = :status', { status: filter.status });
    return paginate(
      query,
      [
        { column: 'k.proposedAt', property: 'proposedAt', direction: 'DESC' },
        { column: 'k.id', property: 'id', direction: 'DESC' },
      ],
      page,
    );
  }

  /**
   * A complaint's latest clue transfer, for those who propose (accepting staff) and those who
   * decide (discipline inspectors) in its region; for anyone else nothing, as if there were none.
   * Its reasons and people only as `mayReadDetails` allows.
   */
  async latestOf(caller: Caller | null, complaint: Complaint): Promise<ClueTransfer | null> {
    if (!caller || !isWithin(complaint.regionCode, caller.regionCode)) return null;
    const held = permissionsOf(caller);
    if (!held.has(Permission.CLUE_RECEIVE) && !held.has(Permission.COMPLAINT_DISPATCH)) return null;
    return this.dataSource.getRepository(ClueTransfer).findOne({ where: { complaintId: complaint.id }, order: { proposedAt: 'DESC', id: 'DESC' } });
  }

  /**
   * Whether the caller may read a clue's reasons and the people behind it (proposer, approver):
   * discipline inspectors of its region and the proposer. Other accepting staff see its status.
   */
  mayReadDetails(caller: Caller | null, clue: ClueTransfer): boolean {
    if (!caller || !isWithin(clue.regionCode, caller.regionCode)) return false;
    return caller.id === clue.proposedById || permissionsOf(caller).has(Permission.CLUE_RECEIVE);
  }

  /** Who may decide, checked (and a refusal audited) before anything is written. */
  private async decision(caller: Caller | null, id: string, action: AuditAction): Promise<{ clue: ClueTransfer; approver: Caller }> {
    requireUuid(id, 'id', '线索移交');
    const found = await this.dataSource.getRepository(ClueTransfer).findOneBy({ id });
    // Permission first: to anyone else an unknown id and a real one look the same.
    const approver = await auditedCheck(this.dataSource, caller, action, found?.complaintId ?? null, () => {
      requirePermission(caller, Permission.CLUE_RECEIVE);
      if (!found) throw notFound(id);
      const known = requirePermission(caller, Permission.CLUE_RECEIVE, found.regionCode);
      if (known.id === found.proposedById) throw new DomainError(ErrorCode.Forbidden, '不能审批本人提出的线索移交');
      return known;
    });
    const clue = found!;
    if (clue.status !== ClueStatus.PROPOSED) throw alreadyDecided(id);
    return { clue, approver };
  }

  /** Conditional on the clue still being proposed: of two deciders exactly one wins. */
  private async decide(manager: EntityManager, clue: ClueTransfer, approver: Caller, change: Pick<ClueTransfer, 'status'> & Partial<ClueTransfer>): Promise<ClueTransfer> {
    const decided: ClueTransfer = { ...clue, ...change, approverId: approver.id, approverName: actorName(approver), decidedAt: now() };
    const result = await manager
      .createQueryBuilder()
      .update(ClueTransfer)
      .set({ status: decided.status, approverId: decided.approverId, approverName: decided.approverName, decidedAt: decided.decidedAt, declineReason: decided.declineReason })
      .where('id = :id AND status = :proposed', { id: clue.id, proposed: ClueStatus.PROPOSED })
      .execute();
    if (result.affected !== 1) throw alreadyDecided(clue.id);
    return decided;
  }

  /** The complaint as the caller may see it (a transferred clue only by inspectors); locked for writing on MySQL. */
  private async complaint(manager: EntityManager, caller: Caller | null, id: string, lock = false): Promise<Complaint> {
    const query = manager.getRepository(Complaint).createQueryBuilder('c').where('c.id = :id', { id });
    if (lock && manager.connection.options.type === 'mysql') query.setLock('pessimistic_write');
    const complaint = await query.getOne();
    if (!complaint) throw new DomainError(ErrorCode.NotFound, '未找到该投诉', { id });
    await requireClueVisible(manager, caller, id);
    return complaint;
  }
}
