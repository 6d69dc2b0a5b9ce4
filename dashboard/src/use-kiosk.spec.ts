// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { CURSOR_IDLE_MS, useKiosk } from './use-kiosk'

/** A Screen Wake Lock API that grants every request and lets the test release a lock (as a hidden page does). */
function fakeWakeLock() {
  const locks: { released: boolean; release: () => Promise<void>; fire: () => void }[] = []
  const wakeLock = {
    request: vi.fn(async () => {
      const listeners: (() => void)[] = []
      const lock = {
        released: false,
        addEventListener: (_: 'release', listener: () => void) => listeners.push(listener),
        release: async () => {
          lock.released = true
          for (const listener of listeners) listener()
        },
        fire: () => void lock.release(),
      }
      locks.push(lock)
      return lock
    }),
  }
  Object.defineProperty(navigator, 'wakeLock', { configurable: true, value: wakeLock })
  return { wakeLock, locks }
}

const Kiosk = defineComponent({
  setup() {
    const { wakeLock } = useKiosk()
    return () => h('main', { 'data-wake-lock': wakeLock.value })
  },
})

const root = document.documentElement
const idle = () => root.classList.contains('cursor-idle')

describe('kiosk behaviour', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
    Reflect.deleteProperty(navigator, 'wakeLock')
  })

  it('hides the pointer after a few idle seconds and shows it again when it moves', async () => {
    const wrapper = mount(Kiosk)
    expect(idle()).toBe(false)
    vi.advanceTimersByTime(CURSOR_IDLE_MS)
    expect(idle()).toBe(true)
    window.dispatchEvent(new PointerEvent('pointermove'))
    expect(idle()).toBe(false)
    vi.advanceTimersByTime(CURSOR_IDLE_MS - 1)
    expect(idle()).toBe(false)
    vi.advanceTimersByTime(1)
    expect(idle()).toBe(true)
    wrapper.unmount()
    expect(idle()).toBe(false)
  })

  it('keeps the display awake, and takes the lock again when the page is shown after being hidden', async () => {
    const { wakeLock, locks } = fakeWakeLock()
    const wrapper = mount(Kiosk)
    await vi.advanceTimersByTimeAsync(0)
    expect(wakeLock.request).toHaveBeenCalledWith('screen')
    expect(wrapper.attributes('data-wake-lock')).toBe('held')

    locks[0].fire() // the browser releases it when the page is hidden
    await vi.advanceTimersByTimeAsync(0)
    expect(wrapper.attributes('data-wake-lock')).toBe('released')
    document.dispatchEvent(new Event('visibilitychange'))
    await vi.advanceTimersByTimeAsync(0)
    expect(wakeLock.request).toHaveBeenCalledTimes(2)
    expect(wrapper.attributes('data-wake-lock')).toBe('held')

    wrapper.unmount()
    await vi.advanceTimersByTimeAsync(0)
    expect(locks[1].released).toBe(true)
    // nothing is left listening or waiting
    document.dispatchEvent(new Event('visibilitychange'))
    window.dispatchEvent(new PointerEvent('pointermove'))
    expect(wakeLock.request).toHaveBeenCalledTimes(2)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('says so where the API does not exist or the lock is refused', async () => {
    const unsupported = mount(Kiosk)
    await vi.advanceTimersByTimeAsync(0)
    expect(unsupported.attributes('data-wake-lock')).toBe('unsupported')
    unsupported.unmount()

    const { wakeLock } = fakeWakeLock()
    wakeLock.request.mockRejectedValueOnce(new DOMException('not allowed', 'NotAllowedError'))
    const refused = mount(Kiosk)
    await vi.advanceTimersByTimeAsync(0)
    expect(refused.attributes('data-wake-lock')).toBe('refused')
    refused.unmount()
  })
})
