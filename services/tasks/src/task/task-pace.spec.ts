import { describe, expect, it } from 'vitest';
import { behindFrom, paceValue, TargetDirection, type PacedTarget } from './task-pace.js';

// "网上办税比例由56%提升到70%以上" over 2026: 14 points in 364 days.
const online: PacedTarget = {
  baseline: 56,
  target: 70,
  direction: TargetDirection.UP,
  startsAt: new Date('2026-01-01T00:00:00+08:00'),
  deadline: new Date('2026-12-31T00:00:00+08:00'),
};
// "通关环节由49个压缩到24个" over the same year.
const customs: PacedTarget = { ...online, baseline: 49, target: 24, direction: TargetDirection.DOWN };

describe('target pace', () => {
  it('draws a straight line from the baseline at the start to the target at the deadline', () => {
    expect(paceValue(online, online.startsAt)).toBe(56);
    expect(paceValue(online, new Date('2026-07-02T00:00:00+08:00'))).toBeCloseTo(63, 5);
    expect(paceValue(online, new Date('2027-03-01T00:00:00+08:00'))).toBe(70);
    expect(paceValue(online, new Date('2025-12-01T00:00:00+08:00'))).toBe(56);
    expect(paceValue({ ...online, baseline: null }, online.startsAt)).toBeNull();
  });

  it('falls behind when the pace line passes the latest value', () => {
    // 60% is 4/14 of the way: on pace until 104 days after the start, 14 April.
    const from = behindFrom(online, 60)!;
    expect(from.toISOString()).toBe(new Date(online.startsAt.getTime() + (4 / 14) * 364 * 86_400_000).toISOString());
    expect(paceValue(online, new Date(from.getTime() - 60_000))!).toBeLessThan(60);
    expect(paceValue(online, new Date(from.getTime() + 60_000))!).toBeGreaterThan(60);
    // Halfway down from 49 towards 24 (36.5 stops) keeps pace until mid-year.
    expect(behindFrom(customs, 36.5)!.toISOString()).toBe(new Date(customs.startsAt.getTime() + 182 * 86_400_000).toISOString());
  });

  it('is never behind once the target is reached, and behind from the start when worse than the baseline', () => {
    expect(behindFrom(online, 70)).toBeNull();
    expect(behindFrom(online, 75)).toBeNull();
    expect(behindFrom(customs, 24)).toBeNull();
    expect(behindFrom(online, 50)).toEqual(online.startsAt);
    expect(behindFrom(customs, 52)).toEqual(customs.startsAt);
  });

  it('judges nothing without a reported value', () => {
    expect(behindFrom(online, null)).toBeNull();
  });

  it('without a baseline ("3个工作日内") is behind exactly when the latest value misses the target', () => {
    const withinDays: PacedTarget = { ...customs, baseline: null, target: 3 };
    expect(behindFrom(withinDays, 5)).toEqual(withinDays.startsAt);
    expect(behindFrom(withinDays, 3)).toBeNull();
    expect(behindFrom(withinDays, 2)).toBeNull();
  });
});
