// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DispatchFeedFrame } from '../../api/feed'
import { dispatchEvent, feedFrame, regionStats } from '../../testing/screen-fixtures'
import DispatchFeed from './dispatch-feed.vue'
import { RENDER_INTERVAL_MS } from './use-dispatch-feed'

interface FeedSubscription {
  regionCode: string
  after: () => string | null
  frame: (frame: DispatchFeedFrame) => void
  end: (message: string) => void
  closed: boolean
}

const subscriptions: FeedSubscription[] = []

vi.mock('../../api/feed', () => ({
  subscribeDispatchFeed(regionCode: string, after: () => string | null, frame: FeedSubscription['frame'], end: FeedSubscription['end']) {
    const subscription: FeedSubscription = { regionCode, after, frame, end, closed: false }
    subscriptions.push(subscription)
    return () => {
      subscription.closed = true
    }
  },
}))

const city = regionStats('990100')
const trail = [{ code: '990100', name: '江湾市' }]

function mountFeed() {
  return mount(DispatchFeed, { props: { regionCode: '990100', trail, regionChildren: city.children } })
}

const lines = (wrapper: ReturnType<typeof mountFeed>) => wrapper.findAll('[data-testid="feed-item"]')
const latest = () => subscriptions.at(-1)!

describe('the dispatch feed panel', () => {
  beforeEach(() => {
    subscriptions.length = 0
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('lists the events newest first, eight at most, each with its time, step, kind and region', async () => {
    const wrapper = mountFeed()
    expect(wrapper.text()).toContain('正在加载转办动态…')
    const events = Array.from({ length: 15 }, (_, i) => dispatchEvent({ itemId: `c${i}`, title: `投诉${i}`, regionCode: i % 2 ? '990102001' : '990103002' }))
    latest().frame(feedFrame('v1', events))
    await vi.advanceTimersByTimeAsync(0)
    expect(lines(wrapper)).toHaveLength(8)
    expect(lines(wrapper).map((l) => l.attributes('data-item-id'))).toEqual(['c14', 'c13', 'c12', 'c11', 'c10', 'c9', 'c8', 'c7'])
    const first = lines(wrapper)[0]
    // 06:05:09Z is 14:05:09 in Beijing; a town on the city view is named after its district
    expect(first.text().replace(/\s+/g, '')).toBe('14:05:09受理投诉城南区投诉14')
    expect(lines(wrapper)[1].text()).toContain('临江区')
    wrapper.unmount()
  })

  it('marks each step with its own shape, and an item turned overdue with ⚠ and red', async () => {
    const wrapper = mountFeed()
    latest().frame(feedFrame('v1', [dispatchEvent({ kind: 'RETURNED' }), dispatchEvent({ kind: 'TURNED_OVERDUE', itemKind: 'TASK', title: '超期任务' })]))
    await vi.advanceTimersByTimeAsync(0)
    const [overdue, returned] = lines(wrapper)
    expect(overdue.classes()).toContain('kind-turned_overdue')
    expect(overdue.find('.kind-icon').text()).toBe('⚠')
    expect(overdue.text()).toContain('超期任务')
    expect(returned.classes()).toContain('kind-returned')
    expect(returned.find('.kind-mark').exists()).toBe(true)
    expect(returned.text()).toContain('退回')
    wrapper.unmount()
  })

  it('repaints at most once a second however fast frames come, losing none', async () => {
    const wrapper = mountFeed()
    latest().frame(feedFrame('v1', [dispatchEvent({ itemId: 'a' })]))
    await vi.advanceTimersByTimeAsync(0)
    expect(lines(wrapper)).toHaveLength(1)
    latest().frame(feedFrame('v2', [dispatchEvent({ itemId: 'b' })], false))
    latest().frame(feedFrame('v3', [dispatchEvent({ itemId: 'c' })], false))
    await vi.advanceTimersByTimeAsync(RENDER_INTERVAL_MS - 1)
    expect(lines(wrapper)).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(lines(wrapper).map((l) => l.attributes('data-item-id'))).toEqual(['c', 'b', 'a'])
    wrapper.unmount()
  })

  it('continues after the last version when resubscribed, and starts over on another region', async () => {
    const wrapper = mountFeed()
    expect(latest().after()).toBeNull()
    latest().frame(feedFrame('1700000000000-7', [dispatchEvent({ itemId: 'a' })]))
    await vi.advanceTimersByTimeAsync(0)
    latest().end('转办动态订阅已结束，正在重新订阅…')
    await vi.advanceTimersByTimeAsync(1000)
    expect(subscriptions).toHaveLength(2)
    expect(latest()).toMatchObject({ regionCode: '990100', closed: false })
    expect(latest().after()).toBe('1700000000000-7')
    // the list stays while it resubscribes
    expect(lines(wrapper)).toHaveLength(1)

    await wrapper.setProps({ regionCode: '990102', trail: [...trail, { code: '990102', name: '临江区' }] })
    expect(subscriptions[1].closed).toBe(true)
    expect(latest().regionCode).toBe('990102')
    expect(latest().after()).toBeNull()
    expect(lines(wrapper)).toHaveLength(0)
    expect(wrapper.text()).toContain('正在加载转办动态…')
    wrapper.unmount()
  })

  it('says why it is empty when the feed is refused, but keeps lines it has', async () => {
    const wrapper = mountFeed()
    latest().end('无权查看该区域的数据。')
    await vi.advanceTimersByTimeAsync(0)
    expect(wrapper.text()).toContain('无权查看该区域的数据。')
    await vi.advanceTimersByTimeAsync(1000)
    latest().frame(feedFrame('v1', [dispatchEvent()]))
    await vi.advanceTimersByTimeAsync(0)
    latest().end('连接已关闭')
    await vi.advanceTimersByTimeAsync(0)
    expect(lines(wrapper)).toHaveLength(1)
    expect(wrapper.text()).not.toContain('连接已关闭')
    wrapper.unmount()
  })

  it('leaves no timer and no subscription behind on unmount, with a repaint pending', async () => {
    const wrapper = mountFeed()
    latest().frame(feedFrame('v1', [dispatchEvent()]))
    await vi.advanceTimersByTimeAsync(0)
    latest().frame(feedFrame('v2', [dispatchEvent()], false))
    expect(vi.getTimerCount()).toBe(1)
    wrapper.unmount()
    expect(latest().closed).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })
})
