import { onBeforeUnmount, type Ref, ref, shallowRef, watch } from 'vue'
import { backoffDelay } from '../../api/backoff'
import { type DispatchEvent, subscribeDispatchFeed } from '../../api/feed'
import { applyFeedFrame } from './feed-list'

/**
 * The list on the wall changes at most this often. A busy city sends dozens of events a second,
 * one frame each: rendering and animating each one took the page's main thread from ~55 % to
 * ~85 % busy at 50 events/s (test/bench/screen-soak.ts), and nobody reads lines that fast.
 * Frames are still applied as they come, so nothing is lost and the version stays exact.
 */
const RENDER_INTERVAL_MS = 1000

/**
 * The rolling feed of the region `code` holds, newest first, at most FEED_MEMORY events.
 * Every resubscription of the same region (graphql-ws' own after a reconnect, or ours after the
 * subscription ended) asks for what came after the last frame's version, so the list goes on
 * without a gap; a region change starts over with a snapshot.
 */
export function useDispatchFeed(code: Readonly<Ref<string>>) {
  const events = shallowRef<DispatchEvent[]>([])
  /** A frame of the current region has been shown (the list is the server's, not a leftover). */
  const loaded = ref(false)
  const errorMessage = ref('')
  // the version belongs to the region it was received for
  let last: { region: string; version: string } | null = null
  let unsubscribe: (() => void) | undefined
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let attempt = 0
  let stopped = false
  // the list as of the last frame; `events` follows it at most every RENDER_INTERVAL_MS
  let latest: DispatchEvent[] = []
  let renderTimer: ReturnType<typeof setTimeout> | undefined
  let renderedAt = 0

  function start(): void {
    retryTimer = undefined
    if (stopped) return
    const region = code.value
    unsubscribe = subscribeDispatchFeed(
      region,
      () => (last?.region === region ? last.version : null),
      (frame) => {
        attempt = 0
        last = { region, version: frame.version }
        latest = applyFeedFrame(latest, frame)
        errorMessage.value = ''
        scheduleRender()
      },
      (message) => {
        unsubscribe = undefined
        errorMessage.value = message
        if (!stopped) retryTimer = setTimeout(start, backoffDelay(attempt++))
      },
    )
  }

  function render(): void {
    renderTimer = undefined
    renderedAt = Date.now()
    events.value = latest
    loaded.value = true
  }

  function scheduleRender(): void {
    if (renderTimer !== undefined) return
    renderTimer = setTimeout(render, Math.max(0, renderedAt + RENDER_INTERVAL_MS - Date.now()))
  }

  function stop(): void {
    clearTimeout(renderTimer)
    renderTimer = undefined
    clearTimeout(retryTimer)
    retryTimer = undefined
    unsubscribe?.()
    unsubscribe = undefined
  }

  watch(code, () => {
    stop()
    attempt = 0
    // the previous region's events must not stand under the new region's name
    latest = []
    events.value = []
    loaded.value = false
    errorMessage.value = ''
    start()
  })

  start()

  onBeforeUnmount(() => {
    stopped = true
    stop()
  })

  return { events, loaded, errorMessage }
}
