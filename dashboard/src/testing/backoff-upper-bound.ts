/**
 * backoff.ts with every delay at its upper bound (full jitter's worst case), for tests that
 * assert exact waits:
 *   vi.mock('…/api/backoff', async (original) => (await import('…/testing/backoff-upper-bound')).atUpperBound(await original()))
 */
import type * as Backoff from '../api/backoff'

export function atUpperBound(actual: typeof Backoff): typeof Backoff {
  return { ...actual, backoffDelay: (attempt: number) => actual.backoffDelay(attempt, 1) }
}
