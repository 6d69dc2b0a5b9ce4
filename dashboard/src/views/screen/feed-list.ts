import type { DispatchEvent, DispatchFeedFrame } from '../../api/feed'

/** Events kept in memory (newest first); the panel shows the first dozen. */
export const FEED_MEMORY = 50

/**
 * The feed after `frame`, newest first and at most `limit` long: a snapshot (`reset`)
 * replaces the list, a continuation goes on top of it. An event already held (same position)
 * is not shown twice, should a frame repeat it.
 */
export function applyFeedFrame(current: readonly DispatchEvent[], frame: DispatchFeedFrame, limit = FEED_MEMORY): DispatchEvent[] {
  const newestFirst = [...frame.events].reverse()
  if (frame.reset) return newestFirst.slice(0, limit)
  if (newestFirst.length === 0) return current as DispatchEvent[]
  const held = new Set(current.map((event) => event.position))
  return [...newestFirst.filter((event) => !held.has(event.position)), ...current].slice(0, limit)
}
