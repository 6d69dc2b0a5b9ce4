import { officialCalendar, type WorkingCalendar, type WorkingDeadline } from '@bizenv/common/working-days';

/** An enterprise's demand is answered within 5 working days [002]. */
export const DEMAND_WORKING_DAYS = 5;

export function demandDeadline(raisedAt: Date, calendar: WorkingCalendar = officialCalendar): WorkingDeadline {
  return calendar.addWorkingDays(raisedAt, DEMAND_WORKING_DAYS);
}
