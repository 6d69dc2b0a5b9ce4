import { onBeforeUnmount, type Ref, ref, shallowRef, watch } from 'vue'
import { backoffDelay } from '../../api/backoff'
import { type RegionStats, subscribeRegion } from '../../api/region'

/**
 * Live stats of the region `code` holds, following it: a new code ends the old subscription
 * (and any pending retry) before the new one starts. graphql-ws resubscribes by itself after
 * ordinary disconnects; when the subscription ends for good (fatal close, refused, completed)
 * this subscribes again after a back-off, so the screen never stays dead.
 */
export function useRegionStats(code: Readonly<Ref<string>>) {
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
      code.value,
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

  function stop(): void {
    clearTimeout(retryTimer)
    retryTimer = undefined
    // no callback of the old subscription fires after this, so no stale frame can slip in
    unsubscribe?.()
    unsubscribe = undefined
  }

  watch(code, () => {
    stop()
    attempt = 0
    // the previous region's numbers must not stand under the new region's name
    stats.value = null
    errorMessage.value = ''
    start()
  })

  start()

  onBeforeUnmount(() => {
    stopped = true
    stop()
  })

  return { stats, errorMessage }
}
