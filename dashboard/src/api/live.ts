import { type Client, createClient, type FormattedExecutionResult, type Sink, type SubscribePayload } from 'graphql-ws'
import { reactive, readonly } from 'vue'
import { getToken } from './auth'
import { backoffDelay } from './backoff'
import { closeMessage, isCloseEventLike } from './error-message'

/** graphql-ws sends a ping this long after the socket opened and after every pong. */
const PING_INTERVAL_MS = 10_000
/** A socket that has not answered a ping within this time is treated as dead. */
const PONG_TIMEOUT_MS = 5_000
/** Opening the socket plus connection_ack must finish within this time. */
const HANDSHAKE_TIMEOUT_MS = 15_000

const state = reactive({
  connected: false,
  /**
   * A frame with data has arrived since the socket last connected: the screen is in sync again.
   * Between a reconnect and that frame the numbers are still the old ones.
   */
  synced: false,
  /** Date.now() of the last subscription frame that carried data. */
  lastDataAt: null as number | null,
  /** Set when the server closed the socket for auth reasons (4401/4403); cleared on connect. */
  authError: '',
})

export const liveState = readonly(state)

export function graphqlWsUrl(loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/graphql`
}

let client: Client | undefined
/** A socket is being opened (until connection_ack or close). */
let socketOpening = false
/** Subscriptions open through liveSubscribe. */
let subscriptions = 0
// The back-off before the next reconnect, ended early once nothing is subscribed any more: a
// wall screen that closes its last subscription (unmount) leaves no timer behind.
let endRetryWait: (() => void) | undefined

function retryWait(ms: number): Promise<void> {
  return new Promise((resolve) => {
    // graphql-ws asks even when the last subscription has just gone; it then gives up
    if (subscriptions === 0) return resolve()
    const timer = setTimeout(end, ms)
    function end() {
      clearTimeout(timer)
      if (endRetryWait === end) endRetryWait = undefined
      resolve()
    }
    endRetryWait = end
  })
}

function createLiveClient(): Client {
  // graphql-ws never times out a silent socket itself (a frozen NAT or a half-open TCP
  // connection would leave the screen "connected" for hours), so terminate() on our own timers
  let pongTimer: ReturnType<typeof setTimeout> | undefined
  let handshakeTimer: ReturnType<typeof setTimeout> | undefined
  const clearTimers = () => {
    clearTimeout(pongTimer)
    clearTimeout(handshakeTimer)
    pongTimer = undefined
    handshakeTimer = undefined
  }

  const client: Client = createClient({
    url: () => graphqlWsUrl(),
    connectionParams: () => ({ authorization: `Bearer ${getToken() ?? ''}` }),
    // a wall screen never gives up (the default stops after 5 retries)
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: (retries) => retryWait(backoffDelay(retries)),
    keepAlive: PING_INTERVAL_MS,
    on: {
      connecting: () => {
        socketOpening = true
        clearTimeout(handshakeTimer)
        handshakeTimer = setTimeout(() => client.terminate(), HANDSHAKE_TIMEOUT_MS)
      },
      connected: () => {
        clearTimers()
        socketOpening = false
        state.connected = true
        state.authError = ''
      },
      closed: (event) => {
        clearTimers()
        socketOpening = false
        state.connected = false
        state.synced = false
        if (isCloseEventLike(event) && (event.code === 4401 || event.code === 4403)) {
          state.authError = closeMessage(event)
        }
      },
      ping: (received) => {
        if (received) return
        clearTimeout(pongTimer)
        pongTimer = setTimeout(() => client.terminate(), PONG_TIMEOUT_MS)
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer)
      },
      message: (message) => {
        if (message.type === 'next' && message.payload.data != null) {
          state.lastDataAt = Date.now()
          state.synced = true
        }
      },
    },
  })
  return client
}

/** The one shared socket; lazy, so it opens with the first subscription. */
function liveClient(): Client {
  client ??= createLiveClient()
  return client
}

/** Nothing is subscribed: end the back-off wait and a half-open socket, and with them their timers. */
function whenIdle(): void {
  if (subscriptions > 0) return
  endRetryWait?.()
  // graphql-ws would close it once open; closing it now ends the handshake timer as well
  if (socketOpening) client?.terminate()
}

/**
 * A subscription on the shared socket (graphql-ws' subscribe). Returns the unsubscribe.
 * When the last one goes, no reconnect is pending any more.
 */
export function liveSubscribe<Data>(request: SubscribePayload, sink: Sink<FormattedExecutionResult<Data, unknown>>): () => void {
  subscriptions++
  let counted = true
  const release = () => {
    if (!counted) return
    counted = false
    subscriptions--
    // a region change unsubscribes and subscribes again at once: only a lasting zero counts
    if (subscriptions === 0) queueMicrotask(whenIdle)
  }
  const dispose = liveClient().subscribe<Data>(request, {
    next: (value) => sink.next(value),
    error: (error) => {
      release()
      sink.error(error)
    },
    complete: () => {
      release()
      sink.complete()
    },
  })
  return () => {
    release()
    dispose()
  }
}
