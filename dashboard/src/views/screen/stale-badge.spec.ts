// @vitest-environment happy-dom
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import StaleBadge from './stale-badge.vue'

const NOW = 1_800_000_000_000

enableAutoUnmount(afterEach)

function badge(props: { connected: boolean; synced: boolean; lastDataAt: number | null; now?: number }) {
  const wrapper = mount(StaleBadge, { props: { now: NOW, ...props }, attachTo: document.body })
  return {
    wrapper,
    live: wrapper.get('[data-testid="live-indicator"]').isVisible(),
    stale: wrapper.get('[data-testid="stale-badge"]').isVisible(),
    text: wrapper.get('[data-testid="stale-badge"]').text(),
  }
}

describe('the stale badge', () => {
  it('shows 实时 only while connected and in sync', () => {
    expect(badge({ connected: true, synced: true, lastDataAt: NOW - 500 })).toMatchObject({ live: true, stale: false })
  })

  it('shows the age of the data while disconnected, with a warning icon, counting up with the clock', async () => {
    const { wrapper, live, stale, text } = badge({ connected: false, synced: false, lastDataAt: NOW - 7_400 })
    expect({ live, stale, text }).toEqual({ live: false, stale: true, text: '⚠数据已过期 · 7秒前更新' })
    expect(wrapper.get('.stale-icon').text()).toBe('⚠')
    await wrapper.setProps({ now: NOW + 60_000 })
    expect(wrapper.get('[data-testid="stale-badge"]').text()).toBe('⚠数据已过期 · 67秒前更新')
  })

  it('stays up after a reconnect until data has arrived again', () => {
    expect(badge({ connected: true, synced: false, lastDataAt: NOW - 12_000 })).toMatchObject({
      live: false,
      stale: true,
      text: '⚠正在重新同步 · 数据12秒前更新',
    })
  })

  it('says there is no data at all before the first frame', () => {
    expect(badge({ connected: false, synced: false, lastDataAt: null }).text).toBe('⚠未连接 · 暂无数据')
    expect(badge({ connected: true, synced: false, lastDataAt: null }).text).toBe('⚠正在同步数据…')
  })
})
