import { describeError, graphqlErrorMessage } from './error-message'
import { liveSubscribe } from './live'

export type DispatchEventKind = 'RECEIVED' | 'DISPATCHED' | 'ACCEPTED' | 'RETURNED' | 'REPLIED' | 'CLOSED' | 'TURNED_OVERDUE'

export type DispatchItemKind = 'COMPLAINT' | 'DEMAND' | 'TASK'

/** One line of the rolling feed (转办动态). */
export interface DispatchEvent {
  /** The event's place in the gateway's stream ("<ms>-<n>"); unique. */
  position: string
  kind: DispatchEventKind
  itemKind: DispatchItemKind
  itemId: string
  title: string | null
  regionCode: string
  /** ISO 8601. */
  occurredAt: string
}

export interface DispatchFeedFrame {
  /** Resume from here (`after`) after a reconnect. */
  version: string
  /** true: `events` is a fresh snapshot that replaces the list; false: they continue it. */
  reset: boolean
  /** Oldest first. */
  events: DispatchEvent[]
}

const SCREEN_DISPATCH_FEED = /* GraphQL */ `
  subscription ScreenDispatchFeed($regionCode: ID!, $after: String) {
    dispatchEvents(regionCode: $regionCode, after: $after) {
      version
      reset
      events { position kind itemKind itemId title regionCode occurredAt }
    }
  }
`

/**
 * The dispatch events of `regionCode`'s subtree. `after` is asked again for every
 * (re)subscription, including the ones graphql-ws makes by itself after a reconnect, so that
 * the server can continue from the last frame seen instead of sending a snapshot.
 * `onError` means the subscription has ended for good (an error frame, a fatal close, or the
 * server completed it); the caller decides when to subscribe again.
 * Returns the unsubscribe function; no callback fires after it has been called.
 */
export function subscribeDispatchFeed(
  regionCode: string,
  after: () => string | null,
  onFrame: (frame: DispatchFeedFrame) => void,
  onError: (message: string) => void,
): () => void {
  let active = true
  // graphql-ws serialises the payload again each time it (re)sends the subscription: the getter
  // is read then, not now
  const variables = {
    regionCode,
    get after() {
      return after()
    },
  }
  const end = (message: string) => {
    if (!active) return
    active = false
    dispose()
    onError(message)
  }
  const dispose = liveSubscribe<{ dispatchEvents: DispatchFeedFrame | null }>(
    { query: SCREEN_DISPATCH_FEED, variables, operationName: 'ScreenDispatchFeed' },
    {
      next: (result) => {
        if (!active) return
        const frame = result.data?.dispatchEvents
        // the feed sends an error (e.g. FORBIDDEN) as its only frame, then completes
        if (frame) onFrame(frame)
        else end([...new Set((result.errors ?? []).map(graphqlErrorMessage))].join('；') || '转办动态暂不可用')
      },
      error: (error) => end(describeError(error)),
      complete: () => end('转办动态订阅已结束，正在重新订阅…'),
    },
  )
  return () => {
    active = false
    dispose()
  }
}
