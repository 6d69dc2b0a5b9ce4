import { describe, expect, it } from 'vitest';
import { MIN_RANKED_VOLUME, PRIOR_WEIGHT, rankUnits } from './complaint-ranking.js';

const unit = (unitId: string, handled: number, overdue: number) => ({ unitId, handled, overdue, overdueOpen: overdue });

describe('unit ranking normalised by volume', () => {
  it('does not put a unit with one item at either end, and does not punish a busy unit for its count', () => {
    const ranking = rankUnits([unit('one', 1, 1), unit('busy', 100, 10), unit('slow', 100, 30)]);
    expect(ranking.map((u) => [u.unitId, u.rank])).toEqual([
      ['busy', 1],
      ['slow', 2],
      ['one', null],
    ]);
    // Raw rates are kept beside the smoothed one.
    expect(ranking[2].overdueRate).toBe(1);
    const prior = 41 / 201;
    expect(ranking[0].smoothedOverdueRate).toBeCloseTo((10 + PRIOR_WEIGHT * prior) / (100 + PRIOR_WEIGHT));
  });

  it('smooths small units towards the region rate, so 0 of 5 does not beat 1 of 100', () => {
    const ranking = rankUnits([unit('small', MIN_RANKED_VOLUME, 0), unit('large', 100, 1), unit('bad', 100, 40)]);
    expect(ranking.map((u) => u.unitId)).toEqual(['large', 'small', 'bad']);
  });

  it('breaks ties by volume, then id, and leaves out units that handled nothing', () => {
    const ranking = rankUnits([unit('b', 10, 0), unit('a', 10, 0), unit('c', 20, 0), unit('none', 0, 0)]);
    expect(ranking.map((u) => u.unitId)).toEqual(['c', 'a', 'b']);
  });
});
