import { describe, expect, it } from 'vitest';
import { shanghaiDate } from '@bizenv/common/working-days';
import { Channel } from './complaint-enums.js';
import { complaintDeadlines } from './deadline-policy.js';

describe('complaint deadlines', () => {
  const receivedAt = new Date('2026-09-30T10:00:00+08:00');

  it('gives an enterprise-rights complaint 5 working days to reply, across National Day', () => {
    const deadlines = complaintDeadlines(Channel.HOTLINE_967788, receivedAt);
    expect(shanghaiDate(deadlines.replyDueAt)).toBe('2026-10-13');
    expect(deadlines.provisional).toBe(false);
  });

  it('gives other channels 7 working days for a written reply and 30 to close', () => {
    const deadlines = complaintDeadlines(Channel.HOTLINE_12345, receivedAt);
    // Oct 8, 9, 10 (make-up Saturday), 12, 13, 14, 15.
    expect(shanghaiDate(deadlines.replyDueAt)).toBe('2026-10-15');
    // October counts 18 (8, 9, 10, 12–16, 19–23, 26–30), November 2–6, 9–13, 16, 17.
    expect(shanghaiDate(deadlines.closeDueAt)).toBe('2026-11-17');
  });

  it('marks a close deadline that runs into an unpublished year as provisional', () => {
    expect(complaintDeadlines(Channel.HOTLINE_12345, new Date('2026-12-01T10:00:00+08:00')).provisional).toBe(true);
  });
});
