import { yellowAt } from './lights.js';
import type { WorkingCalendar } from './working-days.js';

/** Which deadline governs now (`dueAt`): the reply deadline until the first reply, then the close deadline. */
export enum DueKind {
  REPLY = 'REPLY',
  CLOSE = 'CLOSE',
}

export type DueColumn = 'replyDueAt' | 'closeDueAt';

/** Working days to reply, to close, and the yellow window before the deadline in force. */
export interface DeadlineDays {
  replyWorkingDays: number;
  closeWorkingDays: number;
  yellowWorkingDays: number;
}

/** The columns a closed-loop item's deadlines decide. */
export interface ClosedLoopDeadlines extends DeadlineDays {
  replyDueAt: Date;
  closeDueAt: Date;
  /** Counting crossed a year whose holidays are not yet published. */
  deadlineProvisional: boolean;
  dueKind: DueKind;
  /** The deadline in force (indexed: overdue counts and the watcher read it). */
  dueAt: Date;
  yellowAt: Date | null;
}

/**
 * The deadlines of an item that came in at `startAt` with `days`: counted in working days from
 * the day after, Asia/Shanghai, each due at the end of its last working day; provisional when
 * counting crossed an unpublished year. `governs` is the deadline in force.
 */
export function closedLoopDeadlines(days: DeadlineDays, startAt: Date, calendar: WorkingCalendar, governs: DueColumn = 'replyDueAt'): ClosedLoopDeadlines {
  const reply = calendar.addWorkingDays(startAt, days.replyWorkingDays);
  const close = calendar.addWorkingDays(startAt, days.closeWorkingDays);
  const counted = {
    replyWorkingDays: days.replyWorkingDays,
    closeWorkingDays: days.closeWorkingDays,
    yellowWorkingDays: days.yellowWorkingDays,
    replyDueAt: reply.dueAt,
    closeDueAt: close.dueAt,
    deadlineProvisional: reply.provisional || close.provisional,
  };
  return { ...counted, ...governedBy(counted, governs, calendar) };
}

/** `column` governs from now on: the deadline in force and when it turns yellow. */
export function governedBy(
  item: Pick<ClosedLoopDeadlines, 'replyDueAt' | 'closeDueAt' | 'yellowWorkingDays'>,
  column: DueColumn,
  calendar: WorkingCalendar,
): Pick<ClosedLoopDeadlines, 'dueKind' | 'dueAt' | 'yellowAt'> {
  const dueAt = item[column];
  return { dueKind: column === 'closeDueAt' ? DueKind.CLOSE : DueKind.REPLY, dueAt, yellowAt: yellowAt(dueAt, item.yellowWorkingDays, calendar) };
}

export function dueColumnOf(item: Pick<ClosedLoopDeadlines, 'dueKind'>): DueColumn {
  return item.dueKind === DueKind.CLOSE ? 'closeDueAt' : 'replyDueAt';
}

/**
 * A stored item's deadlines counted again from `startAt` with `calendar` (after a year was
 * loaded), with the days it was given. A deadline already passed at `at` stays as it was, and so
 * does an approved extension of the close deadline (a calendar date). Returns only the columns
 * that change, or null.
 */
export function recountedDeadlines<T extends ClosedLoopDeadlines & { closeExtended?: boolean }>(
  item: T,
  startAt: Date,
  calendar: WorkingCalendar,
  at: Date,
): Partial<ClosedLoopDeadlines> | null {
  const extended = item.closeExtended ?? false;
  const reply = calendar.addWorkingDays(startAt, item.replyWorkingDays);
  const close = calendar.addWorkingDays(startAt, item.closeWorkingDays);
  const counted = {
    replyDueAt: item.replyDueAt > at ? reply.dueAt : item.replyDueAt,
    closeDueAt: item.closeDueAt > at && !extended ? close.dueAt : item.closeDueAt,
    deadlineProvisional: reply.provisional || (!extended && close.provisional),
  };
  const column = dueColumnOf(item);
  const next = { ...counted, ...(item[column] > at ? governedBy({ ...item, ...counted }, column, calendar) : {}) };
  const changed = Object.entries(next).filter(([name, value]) => !sameValue(value, item[name as keyof T]));
  return changed.length ? (Object.fromEntries(changed) as Partial<ClosedLoopDeadlines>) : null;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}
