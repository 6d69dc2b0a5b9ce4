import { closedLoopDeadlines, recountedDeadlines as recountedItemDeadlines, type ClosedLoopDeadlines, type DeadlineDays, type DueColumn } from '@bizenv/common/closed-loop-deadlines';
import type { WorkingCalendar } from '@bizenv/common/working-days';
import type { Complaint } from './complaint.entity.js';

/** Every column of a complaint that its deadlines decide. */
export type ComplaintDeadlines = Pick<Complaint, 'deadlineRuleKey' | 'closeExtended' | keyof ClosedLoopDeadlines>;

/**
 * The deadlines of a complaint received at `receivedAt` under `rule` (the rule's key and days are
 * kept with it), counted as for every closed-loop item; no extension yet.
 */
export function complaintDeadlines(
  rule: DeadlineDays & { key: string },
  receivedAt: Date,
  calendar: WorkingCalendar,
  governs: DueColumn = 'replyDueAt',
): ComplaintDeadlines {
  return { deadlineRuleKey: rule.key, ...closedLoopDeadlines(rule, receivedAt, calendar, governs), closeExtended: false };
}

/**
 * A stored complaint's deadlines counted again with `calendar` (after a year was loaded), from
 * its receipt with the days it was given; a passed deadline and an approved extension stay.
 */
export function recountedDeadlines(complaint: Complaint, calendar: WorkingCalendar, at: Date): Partial<ComplaintDeadlines> | null {
  return recountedItemDeadlines(complaint, complaint.receivedAt, calendar, at);
}
