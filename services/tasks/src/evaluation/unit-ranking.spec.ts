import { describe, expect, it } from 'vitest';
import type { EvaluationItem } from './evaluation-item.js';
import { PRIOR_WEIGHT, rankUnits } from './unit-ranking.js';

const AT = new Date('2026-07-01T00:00:00+08:00');
const PAST = new Date('2026-06-01T00:00:00+08:00');
const FUTURE = new Date('2026-12-31T00:00:00+08:00');

/** `onTime` closed on time, `late` closed late, `overdue` open past due, `pending` open not yet due. */
function unitItems(unitId: string, { onTime = 0, late = 0, overdue = 0, pending = 0 }): EvaluationItem[] {
  const base = { kind: 'PROBLEM' as const, unitId, createdAt: null, yellowAt: PAST };
  return [
    ...Array.from({ length: onTime }, () => ({ ...base, dueAt: PAST, closed: true, closedAt: PAST, onTime: true })),
    ...Array.from({ length: late }, () => ({ ...base, dueAt: PAST, closed: true, closedAt: AT, onTime: false })),
    ...Array.from({ length: overdue }, () => ({ ...base, dueAt: PAST, closed: false, closedAt: null, onTime: null })),
    ...Array.from({ length: pending }, () => ({ ...base, dueAt: FUTURE, closed: false, closedAt: null, onTime: null })),
  ];
}

const byUnit = (ranking: ReturnType<typeof rankUnits>) => new Map(ranking.units.map((unit) => [unit.unitId, unit]));

describe('unit ranking normalised by load', () => {
  it('ranks 10 overdue of 100 above 1 overdue of 1, though the smaller unit has fewer overdue items', () => {
    const ranking = rankUnits([...unitItems('small', { overdue: 1 }), ...unitItems('large', { onTime: 90, overdue: 10 })], new Set(), AT);
    const units = byUnit(ranking);
    expect(units.get('small')).toMatchObject({ onTimeRate: 0, tasks: { total: 0 }, problems: { total: 1, openOverdue: 1 } });
    expect(units.get('large')).toMatchObject({ onTimeRate: 0.9, problems: { total: 100, closed: 90, closedOnTime: 90, openOverdue: 10 } });
    expect(ranking.units.map((unit) => unit.unitId)).toEqual(['large', 'small']);
    // The pooled average is 90 of 101; the single late item moves the small unit only 1/11 of the way to 0.
    const average = 90 / 101;
    expect(ranking.averageOnTimeRate).toBeCloseTo(average, 12);
    expect(units.get('small')!.score).toBeCloseTo((0 + PRIOR_WEIGHT * average) / (1 + PRIOR_WEIGHT), 12);
    expect(units.get('large')!.score).toBeCloseTo((90 + PRIOR_WEIGHT * average) / (100 + PRIOR_WEIGHT), 12);
  });

  it('does not let a unit with 1 item on time top one with 95 of 100 on time', () => {
    const ranking = rankUnits(
      [...unitItems('lucky', { onTime: 1 }), ...unitItems('steady', { onTime: 95, late: 5 }), ...unitItems('lagging', { onTime: 10, overdue: 10 })],
      new Set(),
      AT,
    );
    expect(byUnit(ranking).get('lucky')!.onTimeRate).toBe(1);
    expect(ranking.units.map((unit) => [unit.rank, unit.unitId])).toEqual([
      [1, 'steady'],
      [2, 'lucky'],
      [3, 'lagging'],
    ]);
  });

  it('counts items not yet due in completion only, and gives a unit with nothing decided the average', () => {
    const ranking = rankUnits([...unitItems('new', { pending: 4 }), ...unitItems('old', { onTime: 3, late: 1 })], new Set(), AT);
    const fresh = byUnit(ranking).get('new')!;
    expect(fresh).toMatchObject({ onTimeRate: null, completionRate: 0 });
    expect(fresh.score).toBeCloseTo(0.75, 12);
    expect(byUnit(ranking).get('old')).toMatchObject({ onTimeRate: 0.75, completionRate: 1 });
  });

  it('lists 整治重点 units, with or without items, as not eligible for a top prize', () => {
    const ranking = rankUnits([...unitItems('best', { onTime: 50 }), ...unitItems('ok', { onTime: 5, late: 5 })], new Set(['best', 'idle']), AT);
    const units = byUnit(ranking);
    expect(units.get('best')).toMatchObject({ rank: 1, focus: true, eligibleForTopPrize: false });
    expect(units.get('ok')).toMatchObject({ focus: false, eligibleForTopPrize: true });
    expect(units.get('idle')).toMatchObject({ focus: true, eligibleForTopPrize: false, onTimeRate: null, completionRate: null });
  });
});
