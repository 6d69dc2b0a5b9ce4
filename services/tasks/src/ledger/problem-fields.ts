import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { DEFAULT_YELLOW_WORKING_DAYS, yellowAt } from '@bizenv/common/lights';
import { requireText, requireUuid } from '@bizenv/common/validate';
import type { WorkingCalendar } from '@bizenv/common/working-days';
import { parseDeadlineDay } from '../task/task-deadline.js';

const EARLIEST = new Date('2004-01-01T00:00:00+08:00');
// A rectification is due within the campaign's years, not in a later century.
const LATEST = new Date('2099-12-31T23:59:59.999+08:00');

/** A problem's time limit: a day, due at the end of that Shanghai day. */
export function requireTimeLimit(value: string, field: string): Date {
  const day = parseDeadlineDay(value);
  if (!day || day < EARLIEST || day > LATEST) {
    throw new DomainError(ErrorCode.BadUserInput, '整改时限应为2004年至2099年之间的日期，如 2026-08-31', { field });
  }
  return day;
}

/** Optional text: null when absent, otherwise checked like required text. */
export function optionalText(value: string | null | undefined, field: string, label: string, max: number): string | null {
  return value === undefined || value === null ? null : requireText(value, field, label, max);
}

export function optionalUuid(value: string | null | undefined, field: string, label: string): string | null {
  return value === undefined || value === null ? null : requireUuid(value, field, label);
}

/** When a problem due at `timeLimit` turns yellow: the working day before, by `calendar`. */
export function problemYellowAt(timeLimit: Date, calendar: WorkingCalendar): Date {
  return yellowAt(timeLimit, DEFAULT_YELLOW_WORKING_DAYS, calendar);
}

/** The columns every problem has, checked; `prefix` names where in the input they are (`problems[2].`). */
export function problemText(
  input: { title: string; description?: string | null; cause?: string | null; measures?: string | null; timeLimit: string },
  calendar: WorkingCalendar,
  prefix = '',
) {
  const timeLimit = requireTimeLimit(input.timeLimit, `${prefix}timeLimit`);
  return {
    title: requireText(input.title, `${prefix}title`, '问题', 200),
    description: optionalText(input.description, `${prefix}description`, '具体表现', 2000),
    cause: optionalText(input.cause, `${prefix}cause`, '原因', 2000),
    measures: optionalText(input.measures, `${prefix}measures`, '整改措施', 2000),
    timeLimit,
    yellowAt: problemYellowAt(timeLimit, calendar),
  };
}
