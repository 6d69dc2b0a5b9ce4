import { officialCalendar, type WorkingCalendar } from '@bizenv/common/working-days';
import { Channel } from './complaint-enums.js';

export interface ComplaintDeadlines {
  replyDueAt: Date;
  closeDueAt: Date;
  provisional: boolean;
}

/** Working days to reply: 5 for enterprise-rights complaints [002], a written reply in 7 [003]. */
const REPLY_DAYS: Partial<Record<Channel, number>> = { [Channel.HOTLINE_967788]: 5 };
const DEFAULT_REPLY_DAYS = 7;
/** Working days to close from receipt [003]. */
const CLOSE_DAYS = 30;

export function complaintDeadlines(channel: Channel, receivedAt: Date, calendar: WorkingCalendar = officialCalendar): ComplaintDeadlines {
  const reply = calendar.addWorkingDays(receivedAt, REPLY_DAYS[channel] ?? DEFAULT_REPLY_DAYS);
  const close = calendar.addWorkingDays(receivedAt, CLOSE_DAYS);
  return { replyDueAt: reply.dueAt, closeDueAt: close.dueAt, provisional: reply.provisional || close.provisional };
}
