import { describe, expect, it } from 'vitest';
import { startOfMonth, startOfQuarter } from './period.js';

describe('this month and this quarter, in Asia/Shanghai', () => {
  it('starts the month at Shanghai midnight, also when UTC is still in the previous month', () => {
    // 2026-05-01 03:00 in Shanghai is 2026-04-30 19:00 UTC.
    expect(startOfMonth(new Date('2026-04-30T19:00:00Z')).toISOString()).toBe('2026-04-30T16:00:00.000Z');
    expect(startOfMonth(new Date('2026-04-30T15:59:59Z')).toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });

  it('starts the quarter in January, April, July or October', () => {
    expect(startOfQuarter(new Date('2026-05-20T12:00:00+08:00')).toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(startOfQuarter(new Date('2026-12-31T23:59:59+08:00')).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(startOfQuarter(new Date('2026-01-01T00:00:00+08:00')).toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });
});
