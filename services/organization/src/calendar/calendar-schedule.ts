import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { isIsoDate, isWeekend, type YearSchedule } from '@bizenv/common/working-days';

const FIRST_YEAR = 2004;
const MAX_DATES = 100;

function invalid(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.BadUserInput, message, { field });
}

/** Dates of `year`, ISO "YYYY-MM-DD", each once; the error names the entry, e.g. `holidays[3]`. */
function datesOf(year: number, dates: string[], field: string, label: string): string[] {
  if (dates.length > MAX_DATES) throw invalid(field, `${label}不能超过${MAX_DATES}天`);
  const seen = new Set<string>();
  dates.forEach((date, index) => {
    const at = `${field}[${index}]`;
    if (!isIsoDate(date)) throw invalid(at, `${label}“${date}”不是有效日期，应为YYYY-MM-DD`);
    if (!date.startsWith(`${year}-`)) throw invalid(at, `${label}“${date}”不在${year}年内`);
    if (seen.has(date)) throw invalid(at, `${label}“${date}”重复`);
    seen.add(date);
  });
  return [...seen].sort();
}

/**
 * A year's schedule as the State Council publishes it, checked: a year from 2004 (the first the
 * packaged calendar has) to next year; ISO dates within that year, none twice; a make-up workday
 * (调休上班) is always a Saturday or Sunday (a weekday works anyway) and never also a holiday;
 * and at least one holiday falls on a weekday (every real schedule has one, e.g. New Year's Day
 * or National Day; a list of weekend days only would change no deadline and is surely a mistake).
 */
export function checkedSchedule(input: YearSchedule, currentYear: number): YearSchedule {
  const { year } = input;
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > currentYear + 1) {
    throw invalid('year', `年份应在${FIRST_YEAR}年至${currentYear + 1}年之间`);
  }
  const holidays = datesOf(year, input.holidays, 'holidays', '放假日期');
  const workdays = datesOf(year, input.workdays, 'workdays', '调休上班日期');
  if (!holidays.some((date) => !isWeekend(date))) throw invalid('holidays', '放假日期中至少应有一天是周一至周五');
  const holidaySet = new Set(holidays);
  input.workdays.forEach((date, index) => {
    if (!isWeekend(date)) throw invalid(`workdays[${index}]`, `调休上班日期“${date}”不是周六或周日`);
    if (holidaySet.has(date)) throw invalid(`workdays[${index}]`, `“${date}”不能既放假又上班`);
  });
  return { year, holidays, workdays };
}
