import { endOfShanghaiDay, shanghaiDate } from '@bizenv/common/working-days';
import { registerEnumType } from 'type-graphql';
import { parseDeadlineDay } from './task-deadline.js';

/** How a plan words a deadline: a day ("6月30日前") or the end of a month, quarter or year ("9月底前", "年底前"). */
export enum DeadlineRule {
  DATE = 'DATE',
  END_OF_MONTH = 'END_OF_MONTH',
  END_OF_QUARTER = 'END_OF_QUARTER',
  END_OF_YEAR = 'END_OF_YEAR',
}

registerEnumType(DeadlineRule, {
  name: 'DeadlineRule',
  description: '完成时限的表述方式；时限均为当日24时（北京时间）',
  valuesConfig: {
    DATE: { description: '具体日期，如“2026年6月30日前”' },
    END_OF_MONTH: { description: '月底前，如“2026年9月底前”' },
    END_OF_QUARTER: { description: '季度末前，如“2026年第三季度末前”' },
    END_OF_YEAR: { description: '年底前，如“2026年底前”' },
  },
});

const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

function lastDayOfMonth(year: number, month: number): string {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The last month of the period (1–12) that `rule` makes of a month. */
function closingMonth(rule: DeadlineRule, month: number): number {
  if (rule === DeadlineRule.END_OF_QUARTER) return Math.ceil(month / 3) * 3;
  if (rule === DeadlineRule.END_OF_YEAR) return 12;
  return month;
}

/**
 * The instant a deadline falls due. DATE takes a day or an instant with a zone (as before);
 * the others take their period ("2026-09", "2026-Q3", "2026") or any day within it. Null when
 * the value does not name a period of that kind.
 */
export function resolveDeadline(rule: DeadlineRule, value: string): Date | null {
  const text = value.trim();
  if (rule === DeadlineRule.DATE) return parseDeadlineDay(text);
  let year: number;
  let month: number;
  const monthMatch = MONTH.exec(text);
  const quarterMatch = QUARTER.exec(text);
  const yearMatch = YEAR.exec(text);
  if (rule === DeadlineRule.END_OF_MONTH && monthMatch) [year, month] = [Number(monthMatch[1]), Number(monthMatch[2])];
  else if (rule === DeadlineRule.END_OF_QUARTER && quarterMatch) [year, month] = [Number(quarterMatch[1]), Number(quarterMatch[2]) * 3];
  else if (rule === DeadlineRule.END_OF_YEAR && yearMatch) [year, month] = [Number(yearMatch[1]), 12];
  else {
    const day = parseDeadlineDay(text);
    if (!day) return null;
    const date = shanghaiDate(day);
    [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  }
  if (month < 1 || month > 12) return null;
  return endOfShanghaiDay(lastDayOfMonth(year, closingMonth(rule, month)));
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** The deadline as a plan would word it, e.g. "2026年9月底前". */
export function deadlineText(rule: DeadlineRule, deadline: Date): string {
  const date = shanghaiDate(deadline);
  const [year, month, day] = [date.slice(0, 4), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  switch (rule) {
    case DeadlineRule.END_OF_MONTH:
      return `${year}年${month}月底前`;
    case DeadlineRule.END_OF_QUARTER:
      return `${year}年第${QUARTER_NAMES[Math.ceil(month / 3) - 1]}季度末前`;
    case DeadlineRule.END_OF_YEAR:
      return `${year}年底前`;
    default:
      return `${year}年${month}月${day}日前`;
  }
}

const PHRASES: [RegExp, (m: RegExpExecArray) => [DeadlineRule, string]][] = [
  [/^(\d{4})年(?:12月)?底前?$/, (m) => [DeadlineRule.END_OF_YEAR, m[1]]],
  [/^(\d{4})年(\d{1,2})月底前?$/, (m) => [DeadlineRule.END_OF_MONTH, `${m[1]}-${m[2].padStart(2, '0')}`]],
  [/^(\d{4})年第?([一二三四1-4])季度(?:末|底)?前?$/, (m) => [DeadlineRule.END_OF_QUARTER, `${m[1]}-Q${'一二三四'.includes(m[2]) ? '一二三四'.indexOf(m[2]) + 1 : m[2]}`]],
  [/^(\d{4})年(\d{1,2})月(\d{1,2})日前?$/, (m) => [DeadlineRule.DATE, `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`]],
  [/^(\d{4}-\d{2}-\d{2})$/, (m) => [DeadlineRule.DATE, m[1]]],
  [/^(\d{4}-\d{2})$/, (m) => [DeadlineRule.END_OF_MONTH, m[1]]],
  [/^(\d{4}-Q[1-4])$/, (m) => [DeadlineRule.END_OF_QUARTER, m[1]]],
  [/^(\d{4})$/, (m) => [DeadlineRule.END_OF_YEAR, m[1]]],
];

/**
 * A deadline as the plans and their spreadsheets write it: "2026年9月底前", "2026年底前",
 * "2026年第三季度末", "2026年6月30日", or the forms `resolveDeadline` takes. Null if unreadable.
 */
export function parseDeadlinePhrase(phrase: string): { rule: DeadlineRule; deadline: Date } | null {
  const text = phrase.normalize('NFKC').replace(/\s+/g, '');
  for (const [pattern, read] of PHRASES) {
    const match = pattern.exec(text);
    if (!match) continue;
    const [rule, value] = read(match);
    const deadline = resolveDeadline(rule, value);
    return deadline ? { rule, deadline } : null;
  }
  return null;
}
