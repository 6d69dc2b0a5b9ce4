import { describe, expect, it } from 'vitest';
import { parseDeadlineDay } from './task-deadline.js';

describe('task deadline day', () => {
  it('ends at the last millisecond of the Shanghai day', () => {
    expect(parseDeadlineDay('2022-12-31')?.toISOString()).toBe('2022-12-31T15:59:59.999Z');
  });

  it('takes the Shanghai day of an instant, not its UTC day', () => {
    // 20:00 UTC on 30 June is already 1 July in Shanghai.
    expect(parseDeadlineDay('2026-06-30T20:00:00Z')?.toISOString()).toBe('2026-07-01T15:59:59.999Z');
    expect(parseDeadlineDay('2026-06-30T10:00:00+08:00')?.toISOString()).toBe('2026-06-30T15:59:59.999Z');
  });

  it('round-trips a deadline it produced', () => {
    expect(parseDeadlineDay('2026-06-30T15:59:59.999Z')?.toISOString()).toBe('2026-06-30T15:59:59.999Z');
  });

  it('rejects impossible dates, times without a zone and free text', () => {
    for (const value of ['2026-02-30', '2026-02-30T10:00Z', '2026-13-01', '2026-06-30T10:00', '2022年底前', '', 'tomorrow']) {
      expect(parseDeadlineDay(value)).toBeNull();
    }
  });
});
