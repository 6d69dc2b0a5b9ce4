// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { BACKOFF_CAP_MS } from '../../api/backoff'
import { type LiveSink, useLiveSubscription } from './use-live-subscription'

// every back-off at its upper bound (full jitter's worst case), so that the waits are exact
vi.mock('../../api/backoff', async (original) => (await import('../../testing/backoff-upper-bound')).atUpperBound(await original()))

interface Opened {
  key: string
  sink: LiveSink
  closed: boolean
}

function harness(initial = '990100') {
  const key = ref(initial)
  const opened: Opened[] = []
  const resets: string[] = []
  let errorMessage = ref('')
  const Harness = defineComponent({
    setup() {
      errorMessage = useLiveSubscription(
        key,
        (k, sink) => {
          const entry: Opened = { key: k, sink, closed: false }
          opened.push(entry)
          return () => {
            entry.closed = true
          }
        },
        () => resets.push(key.value),
      ).errorMessage
      return () => h('div', errorMessage.value)
    },
  })
  const wrapper = mount(Harness)
  return { key, opened, resets, wrapper, errorMessage: () => errorMessage.value }
}

describe('useLiveSubscription', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('opens the subscription at once and shows a frame’s problem until a clean frame', () => {
    const { opened, errorMessage } = harness()
    expect(opened.map((o) => o.key)).toEqual(['990100'])
    opened[0].sink.received('任务数据暂不可用')
    expect(errorMessage()).toBe('任务数据暂不可用')
    opened[0].sink.received()
    expect(errorMessage()).toBe('')
  })

  it('opens it again after an end, with a back-off that doubles to the cap and then stays there, forever', () => {
    const { opened, errorMessage } = harness()
    const waits = [500, 1000, 2000, 4000, 8000, BACKOFF_CAP_MS, BACKOFF_CAP_MS, BACKOFF_CAP_MS]
    for (const [i, wait] of waits.entries()) {
      opened[i].sink.ended('实时订阅已结束')
      expect(errorMessage()).toBe('实时订阅已结束')
      vi.advanceTimersByTime(wait - 1)
      expect(opened).toHaveLength(i + 1)
      vi.advanceTimersByTime(1)
      expect(opened).toHaveLength(i + 2)
      expect(opened[i + 1].key).toBe('990100')
    }
    expect(vi.getTimerCount()).toBe(0)
  })

  it('starts the back-off over after a clean frame, but not after one that carried a problem', () => {
    const { opened } = harness()
    opened[0].sink.ended('x')
    vi.advanceTimersByTime(500)
    // refused again: the server answered, with an error only (e.g. FORBIDDEN), then ended it
    opened[1].sink.received('无权查看该区域的数据。')
    opened[1].sink.ended('x')
    vi.advanceTimersByTime(999)
    expect(opened).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(opened).toHaveLength(3)
    opened[2].sink.received()
    opened[2].sink.ended('x')
    vi.advanceTimersByTime(500)
    expect(opened).toHaveLength(4)
  })

  it('ignores whatever an ended or replaced subscription still reports', () => {
    const { key, opened, errorMessage } = harness()
    opened[0].sink.ended('x')
    opened[0].sink.received('旧订阅的消息')
    opened[0].sink.ended('旧订阅又结束了')
    expect(errorMessage()).toBe('x')
    // one retry only
    vi.advanceTimersByTime(BACKOFF_CAP_MS)
    expect(opened).toHaveLength(2)
    key.value = '990102'
    return nextTick().then(() => {
      opened[1].sink.ended('被替换的订阅')
      expect(errorMessage()).toBe('')
      vi.advanceTimersByTime(BACKOFF_CAP_MS)
      expect(opened.map((o) => o.key)).toEqual(['990100', '990100', '990102'])
    })
  })

  it('on a region change mid-retry: drops the retry, resets, opens the new region at once with a fresh back-off', async () => {
    const { key, opened, resets, errorMessage } = harness()
    opened[0].sink.ended('x')
    vi.advanceTimersByTime(500)
    opened[1].sink.ended('x') // now waiting 1000 ms
    vi.advanceTimersByTime(300)
    key.value = '990102'
    await nextTick()
    expect(resets).toEqual(['990102'])
    expect(errorMessage()).toBe('')
    expect(opened.map((o) => o.key)).toEqual(['990100', '990100', '990102'])
    // the old region's retry never fires
    vi.advanceTimersByTime(BACKOFF_CAP_MS)
    expect(opened).toHaveLength(3)
    // and the new region's first retry is the first step again
    opened[2].sink.ended('x')
    vi.advanceTimersByTime(500)
    expect(opened.map((o) => o.key)).toEqual(['990100', '990100', '990102', '990102'])
  })

  it('closes the open subscription on a region change', async () => {
    const { key, opened } = harness()
    key.value = '990103'
    await nextTick()
    expect(opened[0].closed).toBe(true)
    expect(opened[1]).toMatchObject({ key: '990103', closed: false })
  })

  it('leaves no timer and no subscription behind on unmount, open or mid-retry', () => {
    const open = harness()
    open.wrapper.unmount()
    expect(open.opened[0].closed).toBe(true)

    const retrying = harness()
    retrying.opened[0].sink.ended('x')
    expect(vi.getTimerCount()).toBe(1)
    retrying.wrapper.unmount()
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(60_000)
    expect(retrying.opened).toHaveLength(1)
  })
})
