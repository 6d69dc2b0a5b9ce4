import { yellowAt } from '@bizenv/common/lights';
import type { WorkingCalendar } from '@bizenv/common/working-days';
import type { DeadlineDays } from '../deadline/deadline-rules.js';
import type { Complaint } from './complaint.entity.js';

/** Which deadline governs now (`dueAt`): the reply deadline until the first reply, then the close deadline. */
export enum DueKind {
  REPLY = 'REPLY',
  CLOSE = 'CLOSE',
}

export type DueColumn = 'replyDueAt' | 'closeDueAt';

/** Every column of a complaint that its deadlines decide. */
export type ComplaintDeadlines = Pick<
  Complaint,
  | 'deadlineRuleKey'
  | 'replyWorkingDays'
  | 'closeWorkingDays'
  | 'yellowWorkingDays'
  | 'replyDueAt'
  | 'closeDueAt'
  | 'closeExtended'
  | 'deadlineProvisional'
  | 'dueKind'
  | 'dueAt'
  | 'yellowAt'
>;

/**
 * The deadlines of a complaint received at `receivedAt` under `rule` (the rule's key and days are
 * kept with it): counted in working days from the day after receipt, Asia/Shanghai, each due at
 * the end of its last working day; provisional when counting crossed an unpublished year.
 */
export function complaintDeadlines(
  rule: DeadlineDays & { key: string },
  receivedAt: Date,
  calendar: WorkingCalendar,
  governs: DueColumn = 'replyDueAt',
): ComplaintDeadlines {
  const reply = calendar.addWorkingDays(receivedAt, rule.replyWorkingDays);
  const close = calendar.addWorkingDays(receivedAt, rule.closeWorkingDays);
  const counted = {
    deadlineRuleKey: rule.key,
    replyWorkingDays: rule.replyWorkingDays,
    closeWorkingDays: rule.closeWorkingDays,
    yellowWorkingDays: rule.yellowWorkingDays,
    replyDueAt: reply.dueAt,
    closeDueAt: close.dueAt,
    closeExtended: false,
    deadlineProvisional: reply.provisional || close.provisional,
  };
  return { ...counted, ...governedBy(counted, governs, calendar) };
}

/** `column` governs from now on: the deadline in force and when it turns yellow. */
export function governedBy(
  complaint: Pick<Complaint, 'replyDueAt' | 'closeDueAt' | 'yellowWorkingDays'>,
  column: DueColumn,
  calendar: WorkingCalendar,
): Pick<Complaint, 'dueKind' | 'dueAt' | 'yellowAt'> {
  const dueAt = complaint[column];
  return { dueKind: column === 'closeDueAt' ? DueKind.CLOSE : DueKind.REPLY, dueAt, yellowAt: yellowAt(dueAt, complaint.yellowWorkingDays, calendar) };
}

export function dueColumnOf(complaint: Pick<Complaint, 'dueKind'>): DueColumn {
  return complaint.dueKind === DueKind.CLOSE ? 'closeDueAt' : 'replyDueAt';
}

/**
 * A stored complaint's deadlines counted again with `calendar` (after a year was loaded), with
 * the days it was given at receipt. A deadline already passed at `at` stays as it was, and so
 * does an approved extension (a calendar date). Returns only the columns that change, or null.
 */
export function recountedDeadlines(complaint: Complaint, calendar: WorkingCalendar, at: Date): Partial<ComplaintDeadlines> | null {
  const reply = calendar.addWorkingDays(complaint.receivedAt, complaint.replyWorkingDays);
  const close = calendar.addWorkingDays(complaint.receivedAt, complaint.closeWorkingDays);
  const counted = {
    replyDueAt: complaint.replyDueAt > at ? reply.dueAt : complaint.replyDueAt,
    closeDueAt: complaint.closeDueAt > at && !complaint.closeExtended ? close.dueAt : complaint.closeDueAt,
    deadlineProvisional: reply.provisional || (!complaint.closeExtended && close.provisional),
  };
  const column = dueColumnOf(complaint);
  const next = { ...counted, ...(complaint[column] > at ? governedBy({ ...complaint, ...counted }, column, calendar) : {}) };
  const changed = Object.entries(next).filter(([name, value]) => !sameValue(value, complaint[name as keyof Complaint]));
  return changed.length ? Object.fromEntries(changed) : null;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}
