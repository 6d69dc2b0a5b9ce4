import { describe, expect, it } from 'vitest';
import { DeadlineRule, deadlineText, parseDeadlinePhrase, resolveDeadline } from './deadline-rule.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

describe('deadline rules', () => {
  it('ends a month, quarter or year at the last Shanghai day of the period', () => {
    expect(iso(resolveDeadline(DeadlineRule.END_OF_MONTH, '2026-02'))).toBe('2026-02-28T15:59:59.999Z');
    expect(iso(resolveDeadline(DeadlineRule.END_OF_MONTH, '2028-02'))).toBe('2028-02-29T15:59:59.999Z');
    expect(iso(resolveDeadline(DeadlineRule.END_OF_QUARTER, '2026-Q3'))).toBe('2026-09-30T15:59:59.999Z');
    expect(iso(resolveDeadline(DeadlineRule.END_OF_QUARTER, '2026-Q4'))).toBe('2026-12-31T15:59:59.999Z');
    expect(iso(resolveDeadline(DeadlineRule.END_OF_YEAR, '2026'))).toBe('2026-12-31T15:59:59.999Z');
  });

  it('takes any day within the period, read in Shanghai', () => {
    expect(iso(resolveDeadline(DeadlineRule.END_OF_MONTH, '2026-09-12'))).toBe('2026-09-30T15:59:59.999Z');
    expect(iso(resolveDeadline(DeadlineRule.END_OF_QUARTER, '2026-08-01'))).toBe('2026-09-30T15:59:59.999Z');
    // 20:00 UTC on 30 September is 1 October in Shanghai: the fourth quarter.
    expect(iso(resolveDeadline(DeadlineRule.END_OF_QUARTER, '2026-09-30T20:00:00Z'))).toBe('2026-12-31T15:59:59.999Z');
    expect(iso(resolveDeadline(DeadlineRule.END_OF_YEAR, '2026-03-01'))).toBe('2026-12-31T15:59:59.999Z');
  });

  it('refuses a period of another kind or one that does not exist', () => {
    for (const [rule, value] of [
      [DeadlineRule.END_OF_MONTH, '2026-13'],
      [DeadlineRule.END_OF_MONTH, '2026-Q3'],
      [DeadlineRule.END_OF_QUARTER, '2026-Q5'],
      [DeadlineRule.END_OF_QUARTER, '2026'],
      [DeadlineRule.END_OF_YEAR, '2026-09'],
      [DeadlineRule.DATE, '2026-09'],
      [DeadlineRule.END_OF_YEAR, '2026-02-30'],
    ] as const) {
      expect(resolveDeadline(rule, value), `${rule} ${value}`).toBeNull();
    }
  });

  it('words a deadline as the plans do', () => {
    const at = (rule: DeadlineRule, value: string) => deadlineText(rule, resolveDeadline(rule, value)!);
    expect(at(DeadlineRule.DATE, '2026-06-30')).toBe('2026年6月30日前');
    expect(at(DeadlineRule.END_OF_MONTH, '2018-09')).toBe('2018年9月底前');
    expect(at(DeadlineRule.END_OF_QUARTER, '2026-Q3')).toBe('2026年第三季度末前');
    expect(at(DeadlineRule.END_OF_YEAR, '2022')).toBe('2022年底前');
  });

  it('reads the plans’ phrases', () => {
    const read = (phrase: string) => {
      const parsed = parseDeadlinePhrase(phrase);
      return parsed && [parsed.rule, parsed.deadline.toISOString().slice(0, 10)];
    };
    expect(read('2018年9月底前')).toEqual([DeadlineRule.END_OF_MONTH, '2018-09-30']);
    expect(read('2022年底前')).toEqual([DeadlineRule.END_OF_YEAR, '2022-12-31']);
    expect(read('2018 年 12 月底前')).toEqual([DeadlineRule.END_OF_YEAR, '2018-12-31']);
    expect(read('2026年第三季度末')).toEqual([DeadlineRule.END_OF_QUARTER, '2026-09-30']);
    expect(read('2026年第2季度')).toEqual([DeadlineRule.END_OF_QUARTER, '2026-06-30']);
    expect(read('2026年6月30日前')).toEqual([DeadlineRule.DATE, '2026-06-30']);
    expect(read('２０２６－０６－３０')).toEqual([DeadlineRule.DATE, '2026-06-30']);
    expect(read('2026-Q1')).toEqual([DeadlineRule.END_OF_QUARTER, '2026-03-31']);
    for (const phrase of ['长期坚持', '2026年9月前', '2026年2月30日', '', '年底前']) expect(read(phrase), phrase).toBeNull();
  });
});
