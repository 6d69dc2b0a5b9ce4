import { registerEnumType } from 'type-graphql';

/** Whether a target is reached by going up ("由56%提升到70%以上") or down ("由49个压缩到24个", "3个工作日内"). */
export enum TargetDirection {
  UP = 'UP',
  DOWN = 'DOWN',
}

registerEnumType(TargetDirection, {
  name: 'TargetDirection',
  description: '目标方向',
  valuesConfig: { UP: { description: '提升：达到或高于目标值' }, DOWN: { description: '压缩：达到或低于目标值' } },
});

export interface PacedTarget {
  baseline: number | null;
  target: number;
  direction: TargetDirection;
  /** When the task started: the baseline holds then. */
  startsAt: Date;
  /** When the target must be reached. */
  deadline: Date;
}

/**
 * The value the task should have reached at `at` on a straight line from the baseline at its
 * start to the target at its deadline; null without a baseline (nothing to draw the line from).
 */
export function paceValue(target: PacedTarget, at: Date): number | null {
  if (target.baseline === null) return null;
  const span = target.deadline.getTime() - target.startsAt.getTime();
  const share = span <= 0 ? 1 : Math.min(1, Math.max(0, (at.getTime() - target.startsAt.getTime()) / span));
  return target.baseline + (target.target - target.baseline) * share;
}

/**
 * From when a task is behind its target, given its latest reported actual (null: none reported,
 * so not judged). With a baseline, it is behind once the pace line passes the latest value:
 * a value a fraction p of the way from baseline to target is on pace until start + p × (deadline
 * − start), behind after it (at once if p ≤ 0, never if p ≥ 1). Without a baseline ("3个工作日内"),
 * it is behind from its start if the latest value misses the target, else never. Stored as an
 * instant, so lights and counts change at their time without a write.
 */
export function behindFrom(target: PacedTarget, latest: number | null): Date | null {
  if (latest === null) return null;
  const misses = target.direction === TargetDirection.UP ? latest < target.target : latest > target.target;
  if (!misses) return null;
  if (target.baseline === null || target.baseline === target.target) return target.startsAt;
  const progress = Math.max(0, (latest - target.baseline) / (target.target - target.baseline));
  const span = Math.max(0, target.deadline.getTime() - target.startsAt.getTime());
  return new Date(target.startsAt.getTime() + Math.floor(progress * span));
}
