import { Permission, permissionsOf, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { isWithin } from '@bizenv/common/region-code';
import { requireText, requireUuid } from '@bizenv/common/validate';
import type { DataSource } from 'typeorm';
import { handlingUnits } from '../co-units/co-units.js';
import { ComplaintTimelineAction } from '../complaint/complaint-enums.js';
import { adjustTally } from '../complaint/complaint-tally.js';
import { recordStep } from '../complaint/complaint-timeline.js';
import { Complaint } from '../complaint/complaint.entity.js';
import { bumpComplaintVersion, complaintConflict } from '../complaint/complaint-version.js';
import { eventPayload, type ComplaintService } from '../complaint/complaint.service.js';
import { tallyMerge } from '../stats/stat-tally.js';
import { ComplaintDuplicate } from './complaint-duplicate.entity.js';
import { ComplaintMerge } from './complaint-merge.entity.js';
import type { DismissDuplicateInput, MergeComplaintInput } from './duplicate-inputs.js';

/** A flag with its candidate, loaded as the caller may see it. */
export interface DuplicateFlag extends ComplaintDuplicate {
  candidate: Complaint;
}

const note = (reason: string | null | undefined) => (reason == null ? null : requireText(reason, 'reason', '说明', 500));

export class DuplicateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly complaints: ComplaintService,
  ) {}

  /**
   * 疑似重复: only for those who steer the loop in the complaint's region and may know the
   * complainant (a "same complainant" link, also readable from the score, must reach nobody
   * else: not a handling unit, an administrator or an API key); null for everybody else.
   * Candidates the caller may not read are left out.
   */
  async flags(caller: Caller | null, complaint: Complaint): Promise<DuplicateFlag[] | null> {
    const held = caller ? permissionsOf(caller) : null;
    if (!caller || !held?.has(Permission.COMPLAINT_DISPATCH) || !held.has(Permission.COMPLAINANT_IDENTITY) || !isWithin(complaint.regionCode, caller.regionCode)) return null;
    const rows = await this.dataSource.getRepository(ComplaintDuplicate).find({ where: { complaintId: complaint.id }, order: { scoreMille: 'DESC', candidateId: 'ASC' } });
    const flags = await Promise.all(rows.map(async (row) => ({ ...row, candidate: await this.visible(caller, row.candidateId) })));
    return flags.filter((flag): flag is DuplicateFlag => flag.candidate !== null);
  }

  /** The complaints merged into this one, as far as the caller may read them. */
  async mergedInto(caller: Caller | null, complaint: Complaint): Promise<Complaint[]> {
    const merges = await this.dataSource.getRepository(ComplaintMerge).find({ where: { intoId: complaint.id }, order: { mergedAt: 'ASC' } });
    const found = await Promise.all(merges.map((merge) => this.visible(caller, merge.duplicateId)));
    return found.filter((c): c is Complaint => c !== null);
  }

  /** The complaint this one was merged into, if any and if the caller may read it. */
  async survivorOf(caller: Caller | null, complaint: Complaint): Promise<Complaint | null> {
    const merge = await this.dataSource.getRepository(ComplaintMerge).findOneBy({ duplicateId: complaint.id });
    return merge ? this.visible(caller, merge.intoId) : null;
  }

  /**
   * 合并: the duplicate is closed as merged (counted in no statistics from then on), the
   * survivor goes on; both timelines get a step. Both versions are checked in one transaction:
   * a concurrent change to either gives CONFLICT and nothing is applied.
   */
  async merge(caller: Caller | null, input: MergeComplaintInput): Promise<Complaint> {
    requirePermission(caller, Permission.COMPLAINT_DISPATCH);
    requireUuid(input.duplicateId, 'duplicateId', '重复件');
    requireUuid(input.intoId, 'intoId', '保留件');
    if (input.duplicateId === input.intoId) throw new DomainError(ErrorCode.BadUserInput, '不能将投诉并入其自身', { field: 'intoId' });
    const reason = note(input.reason);
    const duplicate = await this.complaints.get(caller, input.duplicateId);
    const into = await this.complaints.get(caller, input.intoId);
    const actor = requirePermission(caller, Permission.COMPLAINT_DISPATCH, duplicate.regionCode);
    requirePermission(caller, Permission.COMPLAINT_DISPATCH, into.regionCode);
    if (duplicate.version !== input.expectedDuplicateVersion) throw complaintConflict(duplicate.id);
    if (into.version !== input.expectedIntoVersion) throw complaintConflict(into.id);
    for (const [complaint, field] of [[duplicate, 'duplicateId'], [into, 'intoId']] as const) {
      if (complaint.dispatchStatus === DispatchStatus.CLOSED) {
        throw new DomainError(ErrorCode.InvalidTransition, '已办结的投诉不能合并', { field, id: complaint.id, status: complaint.dispatchStatus });
      }
    }
    const at = now();
    return this.outbox.write(async (manager, record) => {
      await bumpComplaintVersion(manager, duplicate, { dispatchStatus: DispatchStatus.CLOSED });
      await bumpComplaintVersion(manager, into, {});
      await adjustTally(manager, duplicate.regionCode, duplicate.dispatchStatus, -1);
      await tallyMerge(manager, duplicate);
      await manager.insert(ComplaintMerge, { duplicateId: duplicate.id, intoId: into.id, mergedAt: at });
      // Nothing is flagged as a duplicate of a closed complaint, nor is a closed one flagged.
      await manager.delete(ComplaintDuplicate, { complaintId: duplicate.id });
      await manager.delete(ComplaintDuplicate, { candidateId: duplicate.id });
      const step = { unitId: null, note: reason, at };
      await recordStep(manager, actor, { ...step, complaintId: duplicate.id, action: ComplaintTimelineAction.MERGE, fromStatus: duplicate.dispatchStatus, toStatus: DispatchStatus.CLOSED, unitId: duplicate.unitId });
      await recordStep(manager, actor, { ...step, complaintId: into.id, action: ComplaintTimelineAction.MERGE_IN, fromStatus: into.dispatchStatus, toStatus: into.dispatchStatus, unitId: into.unitId });
      const merged = await manager.findOneByOrFail(Complaint, { id: duplicate.id });
      record({ topic: 'complaint.merged', regionCode: merged.regionCode, payload: { ...eventPayload(merged, await handlingUnits(manager, merged)), mergedIntoId: into.id } });
      return manager.findOneByOrFail(Complaint, { id: into.id });
    });
  }

  /** 排除重复: clears the complaint's flags (or the one with `candidateId`) and says so in its timeline. */
  async dismiss(caller: Caller | null, input: DismissDuplicateInput): Promise<Complaint> {
    requirePermission(caller, Permission.COMPLAINT_DISPATCH);
    if (input.candidateId != null) requireUuid(input.candidateId, 'candidateId', '疑似重复件');
    const reason = note(input.reason);
    const complaint = await this.complaints.get(caller, input.id);
    const actor = requirePermission(caller, Permission.COMPLAINT_DISPATCH, complaint.regionCode);
    const where = { complaintId: complaint.id, ...(input.candidateId != null ? { candidateId: input.candidateId } : {}) };
    return this.outbox.write(async (manager) => {
      // Of two operators clearing the same flag, the second deletes nothing and is told so.
      const { affected } = await manager.delete(ComplaintDuplicate, where);
      if (!affected) throw new DomainError(ErrorCode.BadUserInput, '该投诉没有这项重复提示', { field: input.candidateId != null ? 'candidateId' : 'id' });
      await recordStep(manager, actor, {
        complaintId: complaint.id,
        action: ComplaintTimelineAction.NOT_DUPLICATE,
        fromStatus: complaint.dispatchStatus,
        toStatus: complaint.dispatchStatus,
        unitId: complaint.unitId,
        note: reason,
        at: now(),
      });
      return complaint;
    });
  }

  private async visible(caller: Caller | null, id: string): Promise<Complaint | null> {
    try {
      return await this.complaints.get(caller, id);
    } catch (error) {
      if (error instanceof DomainError && [ErrorCode.Forbidden, ErrorCode.NotFound].includes(error.extensions.code as ErrorCode)) return null;
      throw error;
    }
  }
}

/** The conditional update `act` uses: only the version seen, else CONFLICT (the transaction rolls back). */
