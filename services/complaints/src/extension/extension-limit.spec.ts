import { describe, expect, it } from 'vitest';
import { checkedUntil, latestExtensionDate } from './extension-limit.js';

const shanghai = (iso: string) => new Date(`${iso}+08:00`);

describe('the 3-month extension limit', () => {
  it('is the same day 3 calendar months after the Shanghai day of receipt', () => {
    expect(latestExtensionDate(shanghai('2026-09-30T10:00:00'))).toBe('2026-12-30');
    // 2026-10-31T17:00Z is already 1 November in Shanghai.
    expect(latestExtensionDate(new Date('2026-10-31T17:00:00Z'))).toBe('2027-02-01');
  });

  it('is the last day of a shorter month', () => {
    expect(latestExtensionDate(shanghai('2026-11-30T10:00:00'))).toBe('2027-02-28');
    expect(latestExtensionDate(shanghai('2027-11-30T10:00:00'))).toBe('2028-02-29');
  });

  it('accepts a date after the current close deadline up to the limit, and nothing else', () => {
    const receivedAt = shanghai('2026-09-30T10:00:00');
    const closeDueAt = shanghai('2026-11-17T23:59:59.999');
    expect(checkedUntil('2026-12-30', receivedAt, closeDueAt)).toBe('2026-12-30');
    expect(() => checkedUntil('2026-12-31', receivedAt, closeDueAt)).toThrow('延期最长至受理之日起3个月，即2026-12-30');
    expect(() => checkedUntil('2026-11-17', receivedAt, closeDueAt)).toThrow('延期日期应晚于现办结期限（2026-11-17）');
    expect(() => checkedUntil('2026-11-31', receivedAt, closeDueAt)).toThrow('有效日期');
    expect(() => checkedUntil('30/12/2026', receivedAt, closeDueAt)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'until' }) }));
  });
});
