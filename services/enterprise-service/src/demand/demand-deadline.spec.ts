import { describe, expect, it } from 'vitest';
import { shanghaiDate } from '@bizenv/common/working-days';
import { demandDeadline } from './demand-deadline.js';

describe('demand deadline', () => {
  it('gives 5 working days across National Day, counting the make-up Saturday', () => {
    // Oct 1–7 off; Oct 8, 9, 10 (Saturday, 调休上班), 12, 13.
    const { dueAt, provisional } = demandDeadline(new Date('2026-09-30T10:00:00+08:00'));
    expect(shanghaiDate(dueAt)).toBe('2026-10-13');
    expect(dueAt.toISOString()).toBe('2026-10-13T15:59:59.999Z');
    expect(provisional).toBe(false);
  });

  it('says so when the deadline runs into an unpublished year', () => {
    expect(demandDeadline(new Date('2026-12-28T10:00:00+08:00')).provisional).toBe(true);
  });
});
