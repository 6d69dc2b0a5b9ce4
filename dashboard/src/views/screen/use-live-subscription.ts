import { onBeforeUnmount, type Ref, ref, watch } from 'vue'
import { backoffDelay } from '../../api/backoff'

/** How a subscription reports back to the composable that keeps it open. */
export interface LiveSink {
  /**
   * A frame arrived. `problem` (zh-CN) is shown until the next frame; a clean frame (no
   * problem) proves the subscription works, and the back-off starts over.
   */
  received(problem?: string): void
  /** The subscription has ended for good (zh-CN reason); it is opened again after a back-off. */
  ended(message: string): void
}

/** Opens a subscription for `key`; returns its unsubscribe, after which no callback fires. */
export type OpenSubscription = (key: string, sink: LiveSink) => () => void

/**
 * Keeps one subscription open for the key `key` holds (a region code), for as long as the
 * component lives:
 * - a subscription that ends (a fatal close, refused, completed by the server) is opened again
 *   after a capped, jittered back-off, forever (graphql-ws itself only resubscribes after
 *   ordinary disconnects);
 * - a new key ends the old subscription and any pending retry, calls `reset` (drop what belonged
 *   to the old key), and opens the new one at once;
 * - unmount ends the subscription and clears the retry timer.
 * `errorMessage` is the latest problem, empty while all is well.
 */
export function useLiveSubscription(key: Readonly<Ref<string>>, open: OpenSubscription, reset: () => void) {
  const errorMessage = ref('')
  let close: (() => void) | undefined
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let attempt = 0
  // each opening gets a number; callbacks of any other (ended, replaced) are ignored
  let current = 0
  let unmounted = false

  function start(): void {
    retryTimer = undefined
    const mine = ++current
    const live = () => mine === current && !unmounted
    const unsubscribe = open(key.value, {
      received(problem = '') {
        if (!live()) return
        if (!problem) attempt = 0
        errorMessage.value = problem
      },
      ended(message) {
        if (!live()) return
        current++
        close = undefined
        errorMessage.value = message
        retryTimer = setTimeout(start, backoffDelay(attempt++))
      },
    })
    // still the open one (it may have ended while being opened)
    if (mine === current) close = unsubscribe
  }

  function stop(): void {
    current++
    clearTimeout(retryTimer)
    retryTimer = undefined
    close?.()
    close = undefined
  }

  watch(key, () => {
    stop()
    attempt = 0
    errorMessage.value = ''
    reset()
    start()
  })

  start()

  onBeforeUnmount(() => {
    unmounted = true
    stop()
  })

  return { errorMessage }
}
