import { describe, expect, it } from 'vitest';
import { officialCalendar, shanghaiDate, WorkingCalendar } from './working-days.js';

const shanghai = (iso: string) => new Date(`${iso}+08:00`);

describe('working-day deadlines', () => {
  it('skips the 2026 National Day holiday and counts the Saturday make-up workday', () => {
    // Received Wed 2026-09-30: Oct 1–7 off; Oct 8, 9, 10 (Sat, 调休上班), 12, 13.
    const { dueAt, provisional } = officialCalendar.addWorkingDays(shanghai('2026-09-30T16:20:00'), 5);
    expect(dueAt.toISOString()).toBe('2026-10-13T15:59:59.999Z');
    expect(shanghaiDate(dueAt)).toBe('2026-10-13');
    expect(provisional).toBe(false);
  });

  it('skips the 2026 Spring Festival and counts its Saturday make-up workdays', () => {
    // Received Fri 2026-02-13: 14 (Sat, make-up) counts, 15–23 off, then 24, 25, 26, 27, 28 (Sat, make-up).
    const { dueAt } = officialCalendar.addWorkingDays(shanghai('2026-02-13T10:00:00'), 7);
    expect(shanghaiDate(dueAt)).toBe('2026-03-02');
    expect(officialCalendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(officialCalendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(officialCalendar.isWorkingDay('2026-02-16')).toBe(false);
  });

  it('counts from the Shanghai day of receipt, not the UTC day', () => {
    // 2026-03-02T17:00Z is already Tuesday 3 March in Shanghai.
    const { dueAt } = officialCalendar.addWorkingDays(new Date('2026-03-02T17:00:00Z'), 1);
    expect(shanghaiDate(dueAt)).toBe('2026-03-04');
  });

  it('marks a deadline beyond the published calendar as provisional', () => {
    const { dueAt, provisional } = officialCalendar.addWorkingDays(shanghai('2026-12-25T09:00:00'), 5);
    expect(provisional).toBe(true);
    // Weekdays assumed: Dec 28, 29, 30, 31, Jan 1 — exactly the kind of date nobody may trust.
    expect(shanghaiDate(dueAt)).toBe('2027-01-01');
  });

  it('accepts a new year schedule at run time and stops calling it provisional', () => {
    const calendar = new WorkingCalendar();
    calendar.load({ year: 2027, holidays: ['2027-01-01'], workdays: [] });
    calendar.load({ year: 2026, holidays: [], workdays: [] });
    const { dueAt, provisional } = calendar.addWorkingDays(shanghai('2026-12-30T09:00:00'), 2);
    expect(provisional).toBe(false);
    expect(shanghaiDate(dueAt)).toBe('2027-01-04');
  });

  it('counts back working days, skipping holidays and counting make-up Saturdays', () => {
    expect(officialCalendar.workingDayBefore('2026-10-12', 1)).toBe('2026-10-10');
    expect(officialCalendar.workingDayBefore('2026-10-08', 1)).toBe('2026-09-30');
    expect(officialCalendar.workingDayBefore('2026-03-02', 2)).toBe('2026-02-27');
  });

  it('refuses a non-positive number of days', () => {
    expect(() => officialCalendar.addWorkingDays(new Date(), 0)).toThrow(RangeError);
    expect(() => officialCalendar.workingDayBefore('2026-10-12', 0)).toThrow(RangeError);
  });
});
