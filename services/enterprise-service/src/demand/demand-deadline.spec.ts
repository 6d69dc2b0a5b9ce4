import { governedBy, DueKind } from '@bizenv/common/closed-loop-deadlines';
import { bundledSchedules, shanghaiDate, WorkingCalendar } from '@bizenv/common/working-days';
import { describe, expect, it } from 'vitest';
import { demandDeadlines } from './demand-deadline.js';

const shanghai = (iso: string) => new Date(`${iso}+08:00`);

/**
 * 2027 as an administrator would load it once published (dates for the test): the Spring
 * Festival Sat 6 – Fri 12 Feb off, Sun 31 Jan and Sat 13 Feb make-up workdays.
 */
const SCHEDULE_2027 = {
  year: 2027,
  holidays: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
  workdays: ['2027-01-31', '2027-02-13'],
};

describe('demand deadlines', () => {
  it('gives 5 working days to answer across National Day, counting the make-up Saturday, and 30 to close', () => {
    // Oct 1–7 off; Oct 8, 9, 10 (Saturday, 调休上班), 12, 13.
    const deadlines = demandDeadlines(shanghai('2026-09-30T10:00:00'));
    expect(shanghaiDate(deadlines.replyDueAt)).toBe('2026-10-13');
    expect(deadlines.replyDueAt.toISOString()).toBe('2026-10-13T15:59:59.999Z');
    // October counts 18 (8, 9, 10, 12–16, 19–23, 26–30), November 2–6, 9–13, 16, 17.
    expect(shanghaiDate(deadlines.closeDueAt)).toBe('2026-11-17');
    expect(deadlines).toMatchObject({ replyWorkingDays: 5, closeWorkingDays: 30, yellowWorkingDays: 1, deadlineProvisional: false, dueKind: DueKind.REPLY });
    expect(deadlines.dueAt).toEqual(deadlines.replyDueAt);
    // Yellow from the start of the working day before the due day.
    expect(deadlines.yellowAt).toEqual(shanghai('2026-10-12T00:00:00'));
  });

  it('switches to the close deadline once answered, yellow the working day before', () => {
    const deadlines = demandDeadlines(shanghai('2026-09-30T10:00:00'));
    expect(governedBy(deadlines, 'closeDueAt', new WorkingCalendar(bundledSchedules()))).toEqual({
      dueKind: DueKind.CLOSE,
      dueAt: deadlines.closeDueAt,
      yellowAt: shanghai('2026-11-16T00:00:00'),
    });
  });

  it('says so when the deadline runs into an unpublished year, and counts the Spring Festival once 2027 is loaded', () => {
    const raisedAt = shanghai('2027-02-03T10:00:00');
    // Unknown year: every weekday counts (Feb 4, 5, 8, 9, 10).
    const packaged = demandDeadlines(raisedAt);
    expect(packaged.deadlineProvisional).toBe(true);
    expect(shanghaiDate(packaged.replyDueAt)).toBe('2027-02-10');
    expect(demandDeadlines(shanghai('2026-12-28T10:00:00')).deadlineProvisional).toBe(true);

    const calendar = new WorkingCalendar([...bundledSchedules(), SCHEDULE_2027]);
    // Feb 4, 5, the festival off, Sat 13 (make-up), Mon 15, Tue 16.
    const loaded = demandDeadlines(raisedAt, calendar);
    expect(loaded.deadlineProvisional).toBe(false);
    expect(shanghaiDate(loaded.replyDueAt)).toBe('2027-02-16');
    expect(loaded.yellowAt).toEqual(shanghai('2027-02-15T00:00:00'));
    // A make-up Sunday counts too: Sun 31 Jan, Feb 1, 2, 3, 4.
    expect(shanghaiDate(demandDeadlines(shanghai('2027-01-29T10:00:00'), calendar).replyDueAt)).toBe('2027-02-04');
  });
});
