// @vitest-environment happy-dom
/**
 * The shared socket when the gateway refuses the screen's token (close 4403: at the handshake,
 * or when the token expires on an open socket): the real graphql-ws client with our settings
 * against the in-memory server, on fake timers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { FakeGraphqlWsServer } from '../testing/fake-graphql-ws'

vi.mock('./backoff', async (original) => (await import('../testing/backoff-upper-bound')).atUpperBound(await original()))

const EXPIRED = '登录凭证无效或已过期，请重新登录'

describe('the live socket after its token is refused', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('shows the reason, keeps retrying with back-off, and connects with the token it holds by then', async () => {
    vi.resetModules()
    window.history.replaceState(null, '', '/screen/?token=old-token')
    const server = new FakeGraphqlWsServer((subscription, fake) => fake.next(subscription, { data: { regionStats: { code: '990100' } } }))
    vi.stubGlobal('WebSocket', server.WebSocket)
    const auth = await import('./auth')
    const { liveState, liveSubscribe } = await import('./live')
    vi.useFakeTimers()
    auth.captureToken()

    const frames: unknown[] = []
    const errors: unknown[] = []
    const unsubscribe = liveSubscribe({ query: 'subscription ScreenRegion { regionStats(code: "990100") { code } }', operationName: 'ScreenRegion' }, {
      next: (frame) => frames.push(frame.data),
      error: (error) => errors.push(error),
      complete: () => {},
    })
    await vi.advanceTimersByTimeAsync(0)
    expect(frames).toHaveLength(1)
    expect(liveState.connected).toBe(true)

    // the token expires: the gateway closes the open socket and refuses it from now on
    server.refuse = (params) => (params.authorization === 'Bearer old-token' ? EXPIRED : undefined)
    server.sockets[0].close(4403, EXPIRED)
    await vi.advanceTimersByTimeAsync(0)
    expect(liveState.authError).toBe(EXPIRED)
    expect(liveState.connected).toBe(false)

    // first retry (0.5 s): the same token, refused again; the screen does not give up
    await vi.advanceTimersByTimeAsync(500)
    expect(server.sockets).toHaveLength(2)
    expect(server.sockets[1].sent[0]).toEqual({ type: 'connection_init', payload: { authorization: 'Bearer old-token' } })
    expect(liveState.authError).toBe(EXPIRED)

    // a new screen token arrives; the next retry (1 s) reads it
    window.history.replaceState(null, '', '/screen/?token=new-token')
    auth.captureToken()
    await vi.advanceTimersByTimeAsync(1000)
    expect(server.sockets).toHaveLength(3)
    expect(server.sockets[2].sent[0]).toEqual({ type: 'connection_init', payload: { authorization: 'Bearer new-token' } })
    expect(liveState.connected).toBe(true)
    expect(liveState.authError).toBe('')
    // resubscribed by itself, with fresh data
    expect(server.subscribeLog.map((s) => server.sockets.indexOf(s.socket))).toEqual([0, 2])
    expect(frames).toHaveLength(2)
    expect(errors).toEqual([])
    unsubscribe()
  })
})
