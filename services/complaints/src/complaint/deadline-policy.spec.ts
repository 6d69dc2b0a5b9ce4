import { bundledSchedules, officialCalendar, shanghaiDate, WorkingCalendar } from '@bizenv/common/working-days';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_RULES, pickRule } from '../deadline/deadline-rules.js';
import { Channel, ComplaintCategory } from './complaint-enums.js';
import type { Complaint } from './complaint.entity.js';
import { DueKind, governedBy } from '@bizenv/common/closed-loop-deadlines';
import { complaintDeadlines, recountedDeadlines } from './deadline-policy.js';

const rule = (channel: Channel) => pickRule(DEFAULT_DEADLINE_RULES, channel, ComplaintCategory.OTHER);
const shanghai = (iso: string) => new Date(`${iso}+08:00`);

describe('complaint deadlines', () => {
  const receivedAt = shanghai('2026-09-30T10:00:00');

  it('gives an enterprise-rights complaint 5 working days to reply, across National Day', () => {
    const deadlines = complaintDeadlines(rule(Channel.HOTLINE_967788), receivedAt, officialCalendar);
    expect(shanghaiDate(deadlines.replyDueAt)).toBe('2026-10-13');
    expect(deadlines).toMatchObject({ deadlineRuleKey: 'HOTLINE_967788/*', replyWorkingDays: 5, closeWorkingDays: 30, deadlineProvisional: false });
    expect(deadlines.dueKind).toBe(DueKind.REPLY);
    expect(deadlines.dueAt).toEqual(deadlines.replyDueAt);
    // Yellow from the start of the working day before the due day: Mon 12 Oct.
    expect(deadlines.yellowAt).toEqual(shanghai('2026-10-12T00:00:00'));
  });

  it('gives other channels 7 working days for a written reply and 30 to close', () => {
    const deadlines = complaintDeadlines(rule(Channel.HOTLINE_12345), receivedAt, officialCalendar);
    // Oct 8, 9, 10 (make-up Saturday), 12, 13, 14, 15.
    expect(shanghaiDate(deadlines.replyDueAt)).toBe('2026-10-15');
    // October counts 18 (8, 9, 10, 12–16, 19–23, 26–30), November 2–6, 9–13, 16, 17.
    expect(shanghaiDate(deadlines.closeDueAt)).toBe('2026-11-17');
    expect(deadlines.deadlineRuleKey).toBe('*/*');
  });

  it('counts the Spring Festival and its make-up Saturdays', () => {
    // Received Fri 13 Feb 2026: 14 (Sat, make-up) counts, 15–23 off, then 24, 25, 26, 27, 28 (Sat, make-up).
    const deadlines = complaintDeadlines(rule(Channel.HOTLINE_12345), shanghai('2026-02-13T10:00:00'), officialCalendar);
    expect(shanghaiDate(deadlines.replyDueAt)).toBe('2026-03-02');
    // The make-up Saturday 28 Feb is the working day before Mon 2 Mar: yellow from its start.
    expect(deadlines.yellowAt).toEqual(shanghai('2026-02-28T00:00:00'));
  });

  it('marks a close deadline that runs into an unpublished year as provisional', () => {
    expect(complaintDeadlines(rule(Channel.HOTLINE_12345), shanghai('2026-12-01T10:00:00'), officialCalendar).deadlineProvisional).toBe(true);
  });

  it('moves the deadline in force and its yellow time to the close deadline', () => {
    const deadlines = complaintDeadlines(rule(Channel.HOTLINE_12345), receivedAt, officialCalendar);
    const closing = governedBy(deadlines, 'closeDueAt', officialCalendar);
    expect(closing).toEqual({ dueKind: DueKind.CLOSE, dueAt: deadlines.closeDueAt, yellowAt: shanghai('2026-11-16T00:00:00') });
  });
});

describe('complaint deadlines recounted with a new year', () => {
  const year2027 = { year: 2027, holidays: ['2027-01-01', '2027-01-04', '2027-01-05'], workdays: ['2027-01-09'] };
  const stored = (receivedAt: Date): Complaint =>
    ({ receivedAt, dispatchStatus: 'ACCEPTED', ...complaintDeadlines(rule(Channel.HOTLINE_12345), receivedAt, officialCalendar) }) as Complaint;

  it('recounts deadlines not yet passed and clears the provisional mark', () => {
    const complaint = stored(shanghai('2026-12-24T10:00:00'));
    // Weekdays assumed: Dec 25, 28, 29, 30, 31, Jan 1 (provisional), Jan 4.
    expect(shanghaiDate(complaint.replyDueAt)).toBe('2027-01-04');
    expect(complaint.deadlineProvisional).toBe(true);
    const calendar = new WorkingCalendar([...bundledSchedules(), year2027]);
    const changes = recountedDeadlines(complaint, calendar, shanghai('2026-12-25T09:00:00'))!;
    // Jan 1, 4, 5 off: Dec 25, 28, 29, 30, 31, Jan 6, 7.
    expect(shanghaiDate(changes.replyDueAt!)).toBe('2027-01-07');
    expect(changes.dueAt).toEqual(changes.replyDueAt);
    expect(changes.yellowAt).toEqual(shanghai('2027-01-06T00:00:00'));
    expect(changes.deadlineProvisional).toBe(false);
    expect(recountedDeadlines({ ...complaint, ...changes }, calendar, shanghai('2026-12-25T09:00:00'))).toBeNull();
  });

  it('leaves a passed deadline and an approved extension as they are', () => {
    const complaint = { ...stored(shanghai('2026-12-24T10:00:00')), closeExtended: true, closeDueAt: shanghai('2027-03-01T23:59:59.999') };
    const calendar = new WorkingCalendar([...bundledSchedules(), year2027]);
    const changes = recountedDeadlines(complaint, calendar, shanghai('2027-01-05T00:00:00'))!;
    expect(changes.replyDueAt).toBeUndefined();
    expect(changes.closeDueAt).toBeUndefined();
    expect(changes).toEqual({ deadlineProvisional: false });
  });
});
