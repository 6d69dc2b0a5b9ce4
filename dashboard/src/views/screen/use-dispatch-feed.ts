import { onBeforeUnmount, type Ref, ref, shallowRef } from 'vue'
import { type DispatchEvent, subscribeDispatchFeed } from '../../api/feed'
import { applyFeedFrame } from './feed-list'
import { useLiveSubscription } from './use-live-subscription'

/**
 * The list on the wall changes at most this often. A busy city sends dozens of events a second,
 * one frame each: rendering and animating each one took the page's main thread from ~55 % to
 * ~85 % busy at 50 events/s (test/bench/screen-soak.ts), and nobody reads lines that fast.
 * Frames are still applied as they come, so nothing is lost and the version stays exact.
 */
export const RENDER_INTERVAL_MS = 1000

/**
 * The rolling feed of the region `code` holds, newest first, at most FEED_MEMORY events.
 * Every resubscription of the same region (graphql-ws' own after a reconnect, or
 * useLiveSubscription's after the subscription ended) asks for what came after the last
 * frame's version, so the list goes on without a gap; a region change starts over with a snapshot.
 */
export function useDispatchFeed(code: Readonly<Ref<string>>) {
  const events = shallowRef<DispatchEvent[]>([])
  /** A frame of the current region has been shown (the list is the server's, not a leftover). */
  const loaded = ref(false)
  // the version belongs to the region it was received for
  let last: { region: string; version: string } | null = null
  // the list as of the last frame; `events` follows it at most every RENDER_INTERVAL_MS
  let latest: DispatchEvent[] = []
  let renderTimer: ReturnType<typeof setTimeout> | undefined
  let renderedAt = 0

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

  function cancelRender(): void {
    clearTimeout(renderTimer)
    renderTimer = undefined
  }

  const { errorMessage } = useLiveSubscription(
    code,
    (region, sink) =>
      subscribeDispatchFeed(
        region,
        () => (last?.region === region ? last.version : null),
        (frame) => {
          last = { region, version: frame.version }
          latest = applyFeedFrame(latest, frame)
          sink.received()
          scheduleRender()
        },
        sink.ended,
      ),
    () => {
      // the previous region's events must not stand under the new region's name
      cancelRender()
      latest = []
      events.value = []
      loaded.value = false
    },
  )

  onBeforeUnmount(cancelRender)

  return { events, loaded, errorMessage }
}
