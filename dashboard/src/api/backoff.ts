/** First retry waits up to this long. */
export const BACKOFF_BASE_MS = 500
/** No retry ever waits longer than this, however long the outage. */
export const BACKOFF_CAP_MS = 15_000

/**
 * Delay before reconnect attempt `attempt` (0-based): capped exponential back-off with full
 * jitter, i.e. uniform in [0, min(cap, base·2^attempt)]. `random` is a number in [0, 1]
 * (Math.random() by default) so that tests can pin the bounds.
 * Full jitter spreads a wall of screens reconnecting after a gateway restart.
 */
export function backoffDelay(attempt: number, random: number = Math.random()): number {
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0
  // 2 ** n overflows to Infinity for huge n; Math.min still returns the cap
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** n)
  const r = Number.isFinite(random) ? Math.min(1, Math.max(0, random)) : 0
  return Math.floor(r * ceiling)
}
