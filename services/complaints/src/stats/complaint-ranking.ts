/** Prior weight m of the smoothed overdue rate: a unit counts as if it had m more items at the region's rate. */
export const PRIOR_WEIGHT = 10;
/** Units that handled fewer items are listed after the ranked ones, without a rank. */
export const MIN_RANKED_VOLUME = 5;

export interface UnitVolume {
  unitId: string;
  handled: number;
  overdue: number;
  overdueOpen: number;
}

export interface RankedUnit extends UnitVolume {
  rank: number | null;
  overdueRate: number;
  smoothedOverdueRate: number;
}

/**
 * Ranks units by overdue rate normalised by volume, so a busy unit is not punished for being
 * busy (10 overdue of 100 beats 3 of 10) and a unit with a handful of items is neither first nor
 * last by chance: the rate is smoothed towards the region's rate p,
 * (overdue + m·p) ÷ (handled + m), and units below MIN_RANKED_VOLUME get no rank.
 * Rank 1 is the lowest smoothed rate; ties go to the busier unit, then by id.
 */
export function rankUnits(units: readonly UnitVolume[]): RankedUnit[] {
  const handled = units.reduce((sum, u) => sum + u.handled, 0);
  const prior = handled ? units.reduce((sum, u) => sum + u.overdue, 0) / handled : 0;
  const rated = units
    .filter((u) => u.handled > 0)
    .map((u) => ({
      ...u,
      overdueRate: u.overdue / u.handled,
      smoothedOverdueRate: (u.overdue + PRIOR_WEIGHT * prior) / (u.handled + PRIOR_WEIGHT),
    }));
  const byVolume = (a: UnitVolume, b: UnitVolume) => b.handled - a.handled || (a.unitId < b.unitId ? -1 : 1);
  const ranked = rated
    .filter((u) => u.handled >= MIN_RANKED_VOLUME)
    .sort((a, b) => a.smoothedOverdueRate - b.smoothedOverdueRate || byVolume(a, b))
    .map((u, i) => ({ ...u, rank: i + 1 }));
  const unranked = rated.filter((u) => u.handled < MIN_RANKED_VOLUME).sort(byVolume).map((u) => ({ ...u, rank: null }));
  return [...ranked, ...unranked];
}
