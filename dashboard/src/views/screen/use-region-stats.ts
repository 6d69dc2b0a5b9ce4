import { onBeforeUnmount, ref, shallowRef } from 'vue'
import { backoffDelay } from '../../api/backoff'
import { type RegionStats, subscribeRegion } from '../../api/region'

/**
 * Live stats of one region for the page's lifetime. graphql-ws resubscribes by itself after
 * ordinary disconnects; when the subscription ends for good (fatal close, refused, completed)
 * this subscribes again after a back-off, so the screen never stays dead.
 */
export function useRegionStats(code: string) {
  const stats = shallowRef<RegionStats | null>(null)
  const errorMessage = ref('')
  let unsubscribe: (() => void) | undefined
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let attempt = 0
  let stopped = false

  function start(): void {
    retryTimer = undefined
    if (stopped) return
    unsubscribe = subscribeRegion(
      code,
      (frame) => {
        attempt = 0
        stats.value = frame.stats
        errorMessage.value = frame.errorMessages.join('；')
      },
      (message) => {
        unsubscribe = undefined
        errorMessage.value = message
        if (!stopped) retryTimer = setTimeout(start, backoffDelay(attempt++))
      },
    )
  }

  start()

  onBeforeUnmount(() => {
    stopped = true
    clearTimeout(retryTimer)
    unsubscribe?.()
    unsubscribe = undefined
  })

  return { stats, errorMessage }
}
