import { type Client, createClient } from 'graphql-ws'
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
  /** Date.now() of the last subscription frame that carried data. */
  lastDataAt: null as number | null,
  /** Set when the server closed the socket for auth reasons (4401/4403); cleared on connect. */
  authError: '',
})

export const liveState = readonly(state)

export function graphqlWsUrl(loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/graphql`
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
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
    retryWait: (retries) => wait(backoffDelay(retries)),
    keepAlive: PING_INTERVAL_MS,
    on: {
      connecting: () => {
        clearTimeout(handshakeTimer)
        handshakeTimer = setTimeout(() => client.terminate(), HANDSHAKE_TIMEOUT_MS)
      },
      connected: () => {
        clearTimers()
        state.connected = true
        state.authError = ''
      },
      closed: (event) => {
        clearTimers()
        state.connected = false
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
        if (message.type === 'next' && message.payload.data != null) state.lastDataAt = Date.now()
      },
    },
  })
  return client
}

let client: Client | undefined

/** The one shared socket; lazy, so it opens with the first subscription. */
export function liveClient(): Client {
  client ??= createLiveClient()
  return client
}
