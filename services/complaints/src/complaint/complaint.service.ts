import { randomUUID } from 'node:crypto';
import { Permission, requireItem, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs, type SortKey } from '@bizenv/common/connection';
import type { DeadlineSource } from '@bizenv/common/deadline-watcher';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { writeOnce } from '@bizenv/common/idempotency';
import type { Outbox, RecordEvent } from '@bizenv/common/outbox';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireText, requireUuid } from '@bizenv/common/validate';
import { In, LessThan, Like, Not, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { DispatchStatus, OPEN_STATUSES } from '@bizenv/common/closed-loop';
import { Light } from '@bizenv/common/lights';
import { actionFields } from './complaint-action.js';
import { ComplaintAction, ComplaintTimelineAction } from './complaint-enums.js';
import type { ActOnComplaintInput, ComplaintFilter, DispatchComplaintInput, ReceiveComplaintInput } from './complaint-inputs.js';
import type { ComplaintStats } from './complaint-stats.js';
import { readTimeline, recordStep } from './complaint-timeline.js';
import type { ComplaintTimelineEntry } from './complaint-timeline-entry.entity.js';
import { COMPLAINT_TRANSITIONS } from './complaint-transitions.js';
import { Complaint } from './complaint.entity.js';
import { adjustTally } from './complaint-tally.js';
import { complaintDeadlines } from './deadline-policy.js';
import { governedBy } from '@bizenv/common/closed-loop-deadlines';
import { checkStep, writeStep } from '@bizenv/common/closed-loop-transitions';
import type { WorkingCalendar } from '@bizenv/common/working-days';
import { pickRule, type DeadlineRuleValues } from '../deadline/deadline-rules.js';
import { readDeadlineRules } from '../deadline/deadline-rule.service.js';
import { handledByUnit, handlingUnits, handlingUnitsById, setCoUnits } from '../co-units/co-units.js';
import { flagDuplicates } from '../duplicate/duplicate-detection.js';
import { sameComplainantComplaintIds } from '../identity/complainant-match.js';
import { tallyStep } from '../stats/stat-tally.js';
import type { FieldCipher } from '@bizenv/common/field-crypto';
import { hideTransferredClues, requireClueVisible } from '../clue/clue-visibility.js';
import { ComplainantRecord } from '../identity/complainant-record.entity.js';
import { sealComplainant, type SealedComplainant } from '../identity/complainant-seal.js';

/** Newest receipt first. */
export const LIST_ORDER: SortKey<Complaint>[] = [
  { column: 'c.receivedAt', property: 'receivedAt', direction: 'DESC' },
  { column: 'c.id', property: 'id', direction: 'DESC' },
];
/** Open complaints by light, as `lightOf` and the counts (`overdue`, `dueSoon`) tell them apart. */
const LIGHT_CONDITIONS: Record<Light, string> = {
  [Light.RED]: '(c.dispatchStatus IN (:...lit) AND c.dueAt < :litAt)',
  [Light.YELLOW]: '(c.dispatchStatus IN (:...lit) AND c.dueAt >= :litAt AND c.yellowAt <= :litAt)',
  [Light.GREEN]: '(c.dispatchStatus IN (:...lit) AND c.dueAt >= :litAt AND (c.yellowAt IS NULL OR c.yellowAt > :litAt))',
};
const EARLIEST_RECEIPT = new Date('2004-01-01T00:00:00+08:00');
const CLOCK_SKEW_MS = 5 * 60_000;
const NOUN = '投诉';

export class ComplaintService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    /** Encrypts the complainant taken in with a complaint. */
    private readonly cipher: FieldCipher,
    /** This subgraph's working calendar: the packaged years and those loaded at run time. */
    private readonly calendar: WorkingCalendar,
  ) {}

  /** One complaint; a unit operator sees only those dispatched to their unit. */
  async get(caller: Caller | null, id: string): Promise<Complaint> {
    requirePermission(caller, Permission.COMPLAINT_READ);
    const complaint = await this.load(id);
    await requireClueVisible(this.dataSource.manager, caller, complaint.id);
    await this.readable(caller, complaint);
    return complaint;
  }

  /** The caller may read the complaint: in their region and, for unit operators, led or co-handled by their unit. */
  async readable(caller: Caller | null, complaint: Complaint): Promise<Caller> {
    const unitIds = await handlingUnits(this.dataSource.manager, complaint);
    return requireItem(caller, Permission.COMPLAINT_READ, { regionCode: complaint.regionCode, unitIds });
  }

  /** Newest first; filtered to what the caller may see before counting. */
  list(caller: Caller | null, filter: ComplaintFilter, page: PageArgs): Promise<Page<Complaint>> {
    return paginate(this.listQuery(caller, filter), LIST_ORDER, page);
  }

  /** The list's rows as a query (the list pages it, the XLSX export reads it whole). */
  listQuery(caller: Caller | null, filter: ComplaintFilter): SelectQueryBuilder<Complaint> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    if (filter.unitId != null) requireUuid(filter.unitId, 'filter.unitId', '承办单位');
    const scope = requireListScope(caller, Permission.COMPLAINT_READ, filter.regionCode);
    const query = this.dataSource
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .where('c.regionCode LIKE :prefix', { prefix: `${subtreePrefix(scope.regionCode)}%` });
    if (scope.unitId) query.andWhere(handledByUnit('c', 'ownUnit'), { ownUnit: scope.unitId });
    if (filter.unitId != null) query.andWhere('c.unitId = :unitId', { unitId: filter.unitId });
    if (filter.dispatchStatus != null) query.andWhere('c.dispatchStatus = :status', { status: filter.dispatchStatus });
    if (filter.channel != null) query.andWhere('c.channel = :channel', { channel: filter.channel });
    if (filter.category != null) query.andWhere('c.category = :category', { category: filter.category });
    if (filter.overdue != null) {
      // The open statuses listed, not `<> CLOSED`: a list can use the open-complaint index.
      const condition = filter.overdue ? '(c.dispatchStatus IN (:...open) AND c.dueAt < :now)' : '(c.dispatchStatus = :closed OR c.dueAt >= :now)';
      query.andWhere(condition, { open: OPEN_STATUSES, closed: DispatchStatus.CLOSED, now: now() });
    }
    if (filter.light != null) query.andWhere(LIGHT_CONDITIONS[filter.light], { lit: OPEN_STATUSES, litAt: now() });
    return hideTransferredClues(query, 'c', caller);
  }

  async receive(caller: Caller | null, input: ReceiveComplaintInput): Promise<Complaint> {
    const receipt = this.prepareReceipt(caller, input, null, await this.deadlineRules());
    // A client retrying after a timeout with the same key gets the first complaint, not a second.
    return writeOnce(
      this.outbox,
      { callerId: receipt.operator.id, operation: 'receiveComplaint', key: input.idempotencyKey, input },
      async (manager, record) => {
        await storeReceipt(manager, record, receipt);
        return receipt.complaint;
      },
      (id) => this.dataSource.getRepository(Complaint).findOneByOrFail({ id }),
    );
  }

  /**
   * 受理's checks, nothing written: the same rules for one complaint and for every row of an
   * import. Throws BAD_USER_INPUT (with `field`) or FORBIDDEN. The deadlines follow the most
   * specific of `rules` (`deadlineRules()`, read before) and the receipt time.
   */
  prepareReceipt(caller: Caller | null, input: ReceiveComplaintInput, externalId: string | null, rules: readonly DeadlineRuleValues[]): Receipt {
    requireRegionCode(input.regionCode);
    const operator = requirePermission(caller, Permission.COMPLAINT_INTAKE, input.regionCode);
    const receivedAt = input.receivedAt ?? now();
    if (Number.isNaN(receivedAt.getTime()) || receivedAt < EARLIEST_RECEIPT || receivedAt.getTime() > now().getTime() + CLOCK_SKEW_MS) {
      throw new DomainError(ErrorCode.BadUserInput, '受理时间不能晚于当前时间，也不能早于2004年', { field: 'receivedAt' });
    }
    const deadlines = complaintDeadlines(pickRule(rules, input.channel, input.category), receivedAt, this.calendar);
    const complaint: Complaint = {
      id: randomUUID(),
      channel: input.channel,
      category: input.category,
      title: requireText(input.title, 'title', '标题', 200),
      content: requireText(input.content, 'content', '内容', 5000),
      regionCode: input.regionCode,
      unitId: null,
      subjectUnitId: input.subjectUnitId == null ? null : requireUuid(input.subjectUnitId, 'subjectUnitId', '被投诉单位'),
      receivedAt,
      ...deadlines,
      dispatchStatus: DispatchStatus.AWAITING_DISPATCH,
      externalId,
      version: 1,
    };
    // Checked and encrypted here; stored apart from the complaint, in `complainant`.
    const complainant = input.complainant ? sealComplainant(this.cipher, complaint.id, input.complainant) : null;
    return { operator, complaint, complainant };
  }

  /** 转办: kept as its own mutation for existing integrators; the same step as `act` with DISPATCH. */
  dispatch(caller: Caller | null, input: DispatchComplaintInput): Promise<Complaint> {
    return this.act(caller, { ...input, action: ComplaintAction.DISPATCH });
  }

  /**
   * Applies one closed-loop action as the transition table says, with a conditional update on
   * (id, version, status): of two concurrent actors exactly one wins; the other gets CONFLICT.
   * Status, tally, timeline and event change in one transaction, or none of them does.
   */
  async act(caller: Caller | null, input: ActOnComplaintInput): Promise<Complaint> {
    const rule = COMPLAINT_TRANSITIONS[input.action];
    if (!rule) throw new DomainError(ErrorCode.BadUserInput, '未知的操作', { field: 'action' });
    const fields = actionFields(rule, input);
    requirePermission(caller, rule.permission);
    const current = await this.load(input.id);
    await requireClueVisible(this.dataSource.manager, caller, current.id);
    const actor = checkStep(caller, rule, current, current.dispatchStatus, input, NOUN);
    const at = now();
    const changes: Partial<Complaint> = { dispatchStatus: rule.to };
    if (fields.unitId) changes.unitId = fields.unitId;
    if (rule.clearsUnit) changes.unitId = null;
    if (rule.dueAt) Object.assign(changes, governedBy(current, rule.dueAt, this.calendar));
    return this.outbox.write(async (manager, record) => {
      await writeStep(manager, Complaint, 'dispatchStatus', current, rule, changes, NOUN);
      const updated = await manager.findOneByOrFail(Complaint, { id: current.id });
      await adjustTally(manager, updated.regionCode, current.dispatchStatus, -1);
      await adjustTally(manager, updated.regionCode, updated.dispatchStatus, 1);
      const satisfaction = fields.satisfaction ?? rule.impliedSatisfaction ?? null;
      await tallyStep(manager, current, updated, { action: input.action, satisfaction, at });
      const coUnitIds = rule.takesCoUnits || rule.clearsUnit ? (fields.coUnitIds ?? []) : null;
      if (coUnitIds) await setCoUnits(manager, updated.id, coUnitIds);
      await recordStep(manager, actor, {
        complaintId: updated.id,
        action: input.action,
        fromStatus: current.dispatchStatus,
        toStatus: updated.dispatchStatus,
        // The unit dispatched to, or the unit that acted (also when 退回 clears it).
        unitId: updated.unitId ?? current.unitId,
        reason: fields.reason ?? null,
        reply: fields.reply ?? null,
        satisfaction,
        coUnitIds: coUnitIds?.length ? coUnitIds.join(',') : null,
        at,
      });
      // Never the reply or a reason: events reach every screen of the region. A unit that
      // returns the complaint still sees that line of its feed.
      const unitIds = await handlingUnits(manager, updated);
      if (!updated.unitId && current.unitId) unitIds.push(current.unitId);
      record({ topic: `complaint.${updated.dispatchStatus.toLowerCase()}`, regionCode: updated.regionCode, payload: eventPayload(updated, unitIds) });
      return updated;
    });
  }

  /** 办理记录, oldest first; visible to whoever may see the complaint. */
  async timeline(caller: Caller | null, complaint: Complaint): Promise<ComplaintTimelineEntry[]> {
    await this.readable(caller, complaint);
    return readTimeline(this.dataSource.manager, complaint.id);
  }

  /**
   * Counts over the region's whole subtree; every status is listed, zero or not. Totals come from
   * the tally (rows per region and status, not per complaint); overdue from the deadline index.
   */
  async stats(caller: Caller | null, regionCode: string): Promise<ComplaintStats> {
    // Shape first: "9901020000" lies within "990102" by prefix but its subtree is the province.
    requireRegionCode(regionCode, 'code');
    requirePermission(caller, Permission.STATS_READ, regionCode);
    const prefix = `${subtreePrefix(regionCode)}%`;
    const rows: { status: DispatchStatus; count: string | number }[] = await this.dataSource
      .createQueryBuilder()
      .select('t.dispatchStatus', 'status')
      .addSelect('SUM(t.count)', 'count')
      .from('complaint_tally', 't')
      .where('t.regionCode LIKE :prefix', { prefix })
      .groupBy('t.dispatchStatus')
      .getRawMany();
    const counts = new Map(rows.map((row) => [row.status, Number(row.count)]));
    const overdue = await this.dataSource
      .getRepository(Complaint)
      .count({ where: { dueAt: LessThan(now()), dispatchStatus: In(OPEN_STATUSES), regionCode: Like(prefix) } });
    const byDispatchStatus = Object.values(DispatchStatus).map((status) => ({ status, count: counts.get(status) ?? 0 }));
    const total = byDispatchStatus.reduce((sum, entry) => sum + entry.count, 0);
    return { total, open: total - (counts.get(DispatchStatus.CLOSED) ?? 0), overdue, byDispatchStatus };
  }

  /** The deadline table as it stands now: a rule changed later does not reach this receipt. */
  deadlineRules(): Promise<DeadlineRuleValues[]> {
    return readDeadlineRules(this.dataSource.manager);
  }

  private async load(id: string): Promise<Complaint> {
    const complaint = await this.dataSource.getRepository(Complaint).findOneBy({ id });
    if (!complaint) throw new DomainError(ErrorCode.NotFound, '未找到该投诉', { id });
    return complaint;
  }

  /** Open complaints whose governing deadline passes: the screen's overdue count changes then. */
  readonly deadlines: DeadlineSource<Complaint> = {
    name: 'complaint',
    topic: 'complaint.overdue',
    entity: Complaint,
    dueColumn: 'dueAt',
    open: { dispatchStatus: Not(DispatchStatus.CLOSED) },
    unitsOf: handlingUnitsById,
  };
}

/** A complaint checked for 受理 and not yet stored. */
export interface Receipt {
  operator: Caller;
  complaint: Complaint;
  /** The complainant, encrypted, if one was given. */
  complainant: SealedComplainant | null;
}

/** Stores a prepared complaint in the caller's outbox transaction: row, tallies, timeline, duplicate flags, event. */
export async function storeReceipt(manager: EntityManager, record: RecordEvent, { operator, complaint, complainant }: Receipt): Promise<void> {
  await manager.insert(Complaint, complaint);
  if (complainant) await manager.insert(ComplainantRecord, complainant.record);
  await adjustTally(manager, complaint.regionCode, complaint.dispatchStatus, 1);
  await tallyStep(manager, null, complaint, { action: ComplaintTimelineAction.RECEIVE, at: complaint.receivedAt });
  await recordStep(manager, operator, {
    complaintId: complaint.id,
    action: ComplaintTimelineAction.RECEIVE,
    fromStatus: null,
    toStatus: complaint.dispatchStatus,
    at: complaint.receivedAt,
  });
  await flagDuplicates(manager, complaint, complainant ? await sameComplainantComplaintIds(manager, complainant) : []);
  record({ topic: 'complaint.received', regionCode: complaint.regionCode, payload: eventPayload(complaint, []) });
}

/**
 * What a complaint's events carry: never a reply, a reason or anything about the complainant.
 * `unitIds` are the units whose operators see the event in their feed (lead and co-units).
 */
export function eventPayload(complaint: Complaint, unitIds: readonly string[]) {
  return { id: complaint.id, title: complaint.title, status: complaint.dispatchStatus, unitId: complaint.unitId, unitIds };
}
