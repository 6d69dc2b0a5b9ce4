import { closedLoopDeadlines, type ClosedLoopDeadlines, type DeadlineDays, type DueColumn } from '@bizenv/common/closed-loop-deadlines';
import { DEFAULT_YELLOW_WORKING_DAYS } from '@bizenv/common/lights';
import { officialCalendar, type WorkingCalendar } from '@bizenv/common/working-days';

/**
 * An enterprise's demand is answered within 5 working days [002] and, like a complaint, closed
 * within 30 [003]; yellow from the working day before the deadline in force.
 */
export const DEMAND_DEADLINE_DAYS: DeadlineDays = { replyWorkingDays: 5, closeWorkingDays: 30, yellowWorkingDays: DEFAULT_YELLOW_WORKING_DAYS };

/** The deadlines of a demand raised at `raisedAt`; `governs` is the one in force (the close deadline once answered). */
export function demandDeadlines(raisedAt: Date, calendar: WorkingCalendar = officialCalendar, governs: DueColumn = 'replyDueAt'): ClosedLoopDeadlines {
  return closedLoopDeadlines(DEMAND_DEADLINE_DAYS, raisedAt, calendar, governs);
}
