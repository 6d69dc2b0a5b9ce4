import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { isIsoDate, shanghaiDate } from '@bizenv/common/working-days';

export const EXTENSION_MONTHS = 3;

/**
 * The latest date an extension may reach: the same day 3 calendar months after the Shanghai day of
 * receipt, or that month's last day when it is shorter (received 30 Nov → 28 or 29 Feb).
 */
export function latestExtensionDate(receivedAt: Date): string {
  const [year, month, day] = shanghaiDate(receivedAt).split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + EXTENSION_MONTHS, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

function invalid(message: string): DomainError {
  return new DomainError(ErrorCode.BadUserInput, message, { field: 'until' });
}

/** A real "YYYY-MM-DD", after the current close deadline's day, and no later than the 3-month limit. */
export function checkedUntil(until: string, receivedAt: Date, closeDueAt: Date): string {
  if (!isIsoDate(until)) {
    throw invalid('延期日期应为YYYY-MM-DD格式的有效日期');
  }
  if (until <= shanghaiDate(closeDueAt)) throw invalid(`延期日期应晚于现办结期限（${shanghaiDate(closeDueAt)}）`);
  const latest = latestExtensionDate(receivedAt);
  if (until > latest) throw invalid(`延期最长至受理之日起3个月，即${latest}`);
  return until;
}
