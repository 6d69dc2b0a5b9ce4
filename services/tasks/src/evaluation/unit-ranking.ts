import type { EvaluationItem } from './evaluation-item.js';

/**
 * How many items' worth of the region's average every unit's on-time rate is blended with, so
 * that a unit with few items cannot top (or bottom) the ranking by luck.
 */
export const PRIOR_WEIGHT = 10;

export interface ItemCounts {
  total: number;
  closed: number;
  closedOnTime: number;
  closedLate: number;
  openOverdue: number;
}

export interface RankedUnit {
  unitId: string;
  rank: number;
  tasks: ItemCounts;
  problems: ItemCounts;
  /** closed on time ÷ (closed + open overdue); null when nothing is due or closed yet. */
  onTimeRate: number | null;
  /** closed ÷ all; null without items. */
  completionRate: number | null;
  /** The on-time rate normalised by load; what the ranking orders by. */
  score: number;
  focus: boolean;
  eligibleForTopPrize: boolean;
}

export interface Ranking {
  /** The pooled on-time rate of every unit ranked (1 when nothing was decided anywhere). */
  averageOnTimeRate: number;
  units: RankedUnit[];
}

const emptyCounts = (): ItemCounts => ({ total: 0, closed: 0, closedOnTime: 0, closedLate: 0, openOverdue: 0 });
const decided = (c: ItemCounts) => c.closedOnTime + c.closedLate + c.openOverdue;

/**
 * Ranks units by their on-time rate normalised by load:
 *
 *   score = (onTime + PRIOR_WEIGHT × average) ÷ (decided + PRIOR_WEIGHT)
 *
 * where `decided` = closed (with a known closing time) + open overdue, and `average` is the pooled
 * rate Σ onTime ÷ Σ decided over the units ranked. A unit with 1 item late out of 1 is pulled
 * towards the average far more than one with 10 late out of 100, so neither a tiny perfect unit
 * nor a tiny failing one dominates. Ties: completion rate, then more items, then unit id.
 */
export function rankUnits(items: EvaluationItem[], focus: ReadonlySet<string>, at: Date): Ranking {
  const tallies = new Map<string, { tasks: ItemCounts; problems: ItemCounts }>();
  const tallyOf = (unitId: string) => {
    let tally = tallies.get(unitId);
    if (!tally) tallies.set(unitId, (tally = { tasks: emptyCounts(), problems: emptyCounts() }));
    return tally;
  };
  for (const unitId of focus) tallyOf(unitId);
  for (const item of items) {
    const counts = item.kind === 'TASK' ? tallyOf(item.unitId).tasks : tallyOf(item.unitId).problems;
    counts.total++;
    if (item.closed) {
      counts.closed++;
      if (item.onTime === true) counts.closedOnTime++;
      if (item.onTime === false) counts.closedLate++;
    } else if (item.dueAt < at) {
      counts.openOverdue++;
    }
  }
  let onTime = 0;
  let all = 0;
  for (const { tasks, problems } of tallies.values()) {
    onTime += tasks.closedOnTime + problems.closedOnTime;
    all += decided(tasks) + decided(problems);
  }
  const average = all ? onTime / all : 1;
  const units = [...tallies].map(([unitId, { tasks, problems }]) => {
    const unitOnTime = tasks.closedOnTime + problems.closedOnTime;
    const unitDecided = decided(tasks) + decided(problems);
    const total = tasks.total + problems.total;
    const isFocus = focus.has(unitId);
    return {
      unitId,
      rank: 0,
      tasks,
      problems,
      onTimeRate: unitDecided ? unitOnTime / unitDecided : null,
      completionRate: total ? (tasks.closed + problems.closed) / total : null,
      score: (unitOnTime + PRIOR_WEIGHT * average) / (unitDecided + PRIOR_WEIGHT),
      focus: isFocus,
      eligibleForTopPrize: !isFocus,
    };
  });
  units.sort(
    (a, b) =>
      b.score - a.score ||
      (b.completionRate ?? 0) - (a.completionRate ?? 0) ||
      b.tasks.total + b.problems.total - (a.tasks.total + a.problems.total) ||
      (a.unitId < b.unitId ? -1 : 1),
  );
  units.forEach((unit, i) => (unit.rank = i + 1));
  return { averageOnTimeRate: average, units };
}
