// @vitest-environment happy-dom
/**
 * The whole screen against an in-memory graphql-ws server: the real graphql-ws client with our
 * settings and back-off, the real composables and panels; fake timers, so that every wait is
 * exact and every timer left behind is seen.
 */
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeGraphqlWsServer, type FakeSubscription } from '../../testing/fake-graphql-ws'
import { settle, stubBrowser } from '../../testing/happy-dom-screen'
import { dispatchEvent, feedFrame, regionStats } from '../../testing/screen-fixtures'

vi.mock('../../api/backoff', async (original) => (await import('../../testing/backoff-upper-bound')).atUpperBound(await original()))
vi.mock('../../echarts', async (original) => (await import('../../testing/svg-echarts')).withSvgCharts(await original()))

/** What the fake server answers with, changed by the tests. */
interface World {
  counts: Record<string, { overdue: number }>
  /** Answers wait here while true (to see the screen between reconnect and data). */
  holding: boolean
  held: (() => void)[]
  feedVersion: number
}

let world: World
let server: FakeGraphqlWsServer
let wrapper: VueWrapper | undefined

function answer(subscription: FakeSubscription, fake: FakeGraphqlWsServer): void {
  const send = () => {
    if (subscription.operationName === 'ScreenRegion') {
      const code = String(subscription.variables.code)
      fake.next(subscription, { data: { regionStats: regionStats(code, world.counts[code]) } })
    } else {
      const after = subscription.variables.after
      const version = `1700000000000-${++world.feedVersion}`
      const events = after ? [] : [dispatchEvent({ regionCode: `${subscription.variables.regionCode}`.padEnd(9, '1') })]
      fake.next(subscription, { data: { dispatchEvents: feedFrame(version, events, !after) } })
    }
  }
  if (world.holding) world.held.push(send)
  else send()
}

const START = Date.parse('2026-09-30T12:03:00+08:00')

/** A fresh page: new module instances (the socket and the selected region are per page). */
async function openScreen(): Promise<VueWrapper> {
  vi.resetModules()
  window.history.replaceState(null, '', '/screen/?token=screen-token')
  server = new FakeGraphqlWsServer(answer)
  vi.stubGlobal('WebSocket', server.WebSocket)
  stubBrowser()
  // modules load on real timers (the module runner waits on them), nothing runs before mount
  const { captureToken } = await import('../../api/auth')
  const { default: ScreenView } = await import('./index.vue')
  vi.useFakeTimers()
  vi.setSystemTime(START)
  captureToken()
  wrapper = mount(ScreenView, { attachTo: document.body })
  await settle()
  await vi.advanceTimersByTimeAsync(0)
  return wrapper
}

const text = (testId: string) => wrapper!.get(`[data-testid="${testId}"]`).text()
const visible = (testId: string) => wrapper!.get(`[data-testid="${testId}"]`).isVisible()
const subscribed = (from = 0) => server.subscribeLog.slice(from).map((s) => [s.operationName, s.variables])

describe('the screen’s live connection (fake graphql-ws server)', () => {
  beforeEach(() => {
    world = { counts: { '990100': { overdue: 5 }, '990102': { overdue: 3 } }, holding: false, held: [], feedVersion: 0 }
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('subscribes to the region and its feed on one socket and shows the numbers live', async () => {
    await openScreen()
    expect(server.sockets).toHaveLength(1)
    expect(server.sockets[0].sent[0]).toEqual({ type: 'connection_init', payload: { authorization: 'Bearer screen-token' } })
    expect(subscribed()).toEqual([
      ['ScreenRegion', { code: '990100' }],
      ['ScreenDispatchFeed', { regionCode: '990100', after: null }],
    ])
    expect(text('overdue-complaints')).toBe('5')
    expect(visible('live-indicator')).toBe(true)
    expect(visible('stale-badge')).toBe(false)
  })

  it('disconnect → stale badge with the data’s age → retries with back-off → resubscribes → badge clears with new data', async () => {
    await openScreen()
    const feedVersion = `1700000000000-${world.feedVersion}`
    await vi.advanceTimersByTimeAsync(3000)
    server.stop()
    await settle()
    expect(visible('stale-badge')).toBe(true)
    expect(visible('live-indicator')).toBe(false)
    expect(text('stale-badge')).toBe('⚠数据已过期 · 3秒前更新')

    // graphql-ws retries on our back-off: 500 ms, 1 s, 2 s… (upper bounds); the server is still down
    for (const [attempt, wait] of [500, 1000, 2000, 4000].entries()) {
      await vi.advanceTimersByTimeAsync(wait - 1)
      expect(server.sockets).toHaveLength(attempt + 1)
      await vi.advanceTimersByTimeAsync(1)
      expect(server.sockets).toHaveLength(attempt + 2)
    }
    expect(text('stale-badge')).toMatch(/^⚠数据已过期 · 1[01]秒前更新$/)
    // the numbers are the old ones, still shown
    expect(text('overdue-complaints')).toBe('5')

    // back, with a changed number; the answers wait a moment: connected is not yet in sync
    world.counts['990100'].overdue = 8
    world.holding = true
    server.restart()
    const before = server.subscribeLog.length
    await vi.advanceTimersByTimeAsync(8000)
    expect(server.openSockets).toHaveLength(1)
    // resubscribed for the same region; the feed from the last version it had, to miss nothing
    expect(subscribed(before)).toEqual([
      ['ScreenRegion', { code: '990100' }],
      ['ScreenDispatchFeed', { regionCode: '990100', after: feedVersion }],
    ])
    expect(visible('stale-badge')).toBe(true)
    expect(text('stale-badge')).toMatch(/^⚠正在重新同步 · 数据\d+秒前更新$/)

    for (const send of world.held.splice(0)) send()
    await settle()
    expect(visible('stale-badge')).toBe(false)
    expect(visible('live-indicator')).toBe(true)
    expect(text('overdue-complaints')).toBe('8')

    // and a new change arrives
    world.holding = false
    server.next(server.open('ScreenRegion')[0], { data: { regionStats: regionStats('990100', { overdue: 9 }) } })
    await settle()
    expect(text('overdue-complaints')).toBe('9')
  })

  it('follows a region chosen while it waits to reconnect, and never resubscribes the old one', async () => {
    await openScreen()
    server.stop()
    await settle()
    // drill into 临江区 on the map (its keyboard/test twin of the area) during the back-off
    await wrapper!.get('[data-testid="map-targets"] button[data-code="990102"]').trigger('click')
    await settle()
    expect(wrapper!.get('[data-testid="breadcrumb"]').text()).toMatch(/江湾市.*临江区/)
    // the city's numbers do not stand under the district's name
    expect(text('overdue-complaints')).toBe('—')

    server.restart()
    const before = server.subscribeLog.length
    await vi.advanceTimersByTimeAsync(500)
    await settle()
    expect(subscribed(before)).toEqual([
      ['ScreenRegion', { code: '990102' }],
      ['ScreenDispatchFeed', { regionCode: '990102', after: null }],
    ])
    expect(text('overdue-complaints')).toBe('3')
    expect(visible('live-indicator')).toBe(true)
  })

  it('resubscribes with back-off when the server ends a subscription, and clears the banner', async () => {
    await openScreen()
    const region = server.open('ScreenRegion')[0]
    const before = server.subscribeLog.length
    server.error(region, [{ message: '实时统计暂不可用', extensions: { code: 'INTERNAL_SERVER_ERROR' } }])
    await settle()
    expect(text('error-banner')).toContain('实时统计暂不可用')
    await vi.advanceTimersByTimeAsync(499)
    expect(subscribed(before)).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(subscribed(before)).toEqual([['ScreenRegion', { code: '990100' }]])
    await settle()
    expect(wrapper!.find('[data-testid="error-banner"]').exists()).toBe(false)
    // the same socket: only the one subscription was renewed
    expect(server.sockets).toHaveLength(1)
  })

  it('leaves no timer, socket or subscription behind when unmounted while live', async () => {
    await openScreen()
    expect(vi.getTimerCount()).toBeGreaterThan(0)
    wrapper!.unmount()
    wrapper = undefined
    await settle()
    expect(server.subscriptions).toEqual([])
    expect(server.openSockets).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('gives up a socket that is still opening when unmounted, with its handshake timer', async () => {
    await openScreen()
    server.hanging = true
    server.stop()
    await vi.advanceTimersByTimeAsync(500) // the next socket hangs in CONNECTING
    expect(server.sockets.at(-1)!.readyState).toBe(server.WebSocket.CONNECTING)
    wrapper!.unmount()
    wrapper = undefined
    await settle()
    expect(server.sockets.at(-1)!.readyState).toBe(server.WebSocket.CLOSED)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('leaves no timer behind when unmounted while waiting to reconnect, and never reconnects', async () => {
    await openScreen()
    server.stop()
    await vi.advanceTimersByTimeAsync(500) // one failed attempt; now waiting 1 s for the next
    await settle()
    const sockets = server.sockets.length
    wrapper!.unmount()
    wrapper = undefined
    await settle()
    expect(vi.getTimerCount()).toBe(0)
    server.restart()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(server.sockets).toHaveLength(sockets)
  })
})
