import { describe, expect, it } from 'vitest';
import { checkedSchedule } from './calendar-schedule.js';

// 2027: Fri 1 Jan, Sat 2, Sun 3; Sat 9 Jan.
const good = { year: 2027, holidays: ['2027-01-03', '2027-01-01', '2027-01-02'], workdays: ['2027-01-09'] };
const refused = (overrides: Partial<typeof good>, currentYear = 2026) => {
  try {
    checkedSchedule({ ...good, ...overrides }, currentYear);
  } catch (error) {
    return (error as { message: string; extensions: { code: string; field: string } }).extensions.code === 'BAD_USER_INPUT' ? (error as any) : null;
  }
  return null;
};

describe('a year schedule as loaded at run time', () => {
  it('accepts a real schedule and sorts its dates', () => {
    expect(checkedSchedule(good, 2026)).toEqual({ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-01-09'] });
  });

  it('takes years from 2004 to next year only', () => {
    expect(refused({ year: 2028, holidays: ['2028-01-03'], workdays: [] })?.extensions.field).toBe('year');
    expect(refused({ year: 2003, holidays: ['2003-01-01'], workdays: [] })?.extensions.field).toBe('year');
    expect(checkedSchedule({ year: 2026, holidays: ['2026-01-01'], workdays: [] }, 2026).year).toBe(2026);
  });

  it('names the entry that is not an ISO date of that year, or comes twice', () => {
    expect(refused({ holidays: ['2027-01-01', '2027-02-30'] })?.extensions.field).toBe('holidays[1]');
    expect(refused({ holidays: ['2027-1-1'] })?.extensions.field).toBe('holidays[0]');
    expect(refused({ holidays: ['2027-01-01', '2026-12-31'] })?.message).toContain('不在2027年内');
    expect(refused({ workdays: ['2027-01-09', '2027-01-09'] })?.extensions.field).toBe('workdays[1]');
  });

  it('takes make-up workdays on weekends only, never on a holiday', () => {
    expect(refused({ workdays: ['2027-01-08'] })?.message).toContain('不是周六或周日');
    expect(refused({ workdays: ['2027-01-02'] })?.message).toContain('不能既放假又上班');
  });

  it('needs at least one holiday on a weekday', () => {
    expect(refused({ holidays: [] })?.extensions.field).toBe('holidays');
    expect(refused({ holidays: ['2027-01-02', '2027-01-03'] })?.message).toContain('至少应有一天是周一至周五');
  });
});
