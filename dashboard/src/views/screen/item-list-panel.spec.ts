// @vitest-environment happy-dom
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { captureToken } from '../../api/auth'
import { stubBrowser } from '../../testing/happy-dom-screen'
import { OVERVIEW_RETURN_MS } from '../../use-kiosk'
import ItemListPanel from './item-list-panel.vue'

enableAutoUnmount(afterEach)

interface Request {
  query: string
  operationName: string
  variables: Record<string, unknown>
  authorization: string | null
}

let requests: Request[]
let answer: (request: Request) => unknown

const complaint = (n: number, unit: string | null = '临江区市场监督管理局') => ({
  node: { id: `c${n}`, title: `投诉${n}`, dispatchStatus: 'DISPATCHED', receivedAt: '2026-08-20T01:30:00.000Z', unit: unit && { name: unit }, region: { code: '990102001' } },
})

const known = [
  { code: '990100', name: '江湾市' },
  { code: '990102', name: '临江区' },
]

function mountList(props: Partial<{ kind: 'overdueComplaints' | 'overdueDemands' | 'overdueTasks'; count: number | null; regionCode: string }> = {}) {
  return mount(ItemListPanel, {
    props: { kind: 'overdueComplaints', regionCode: '990100', regionName: '江湾市', count: 35, known, ...props },
    attachTo: document.body,
  })
}

const rows = (wrapper: ReturnType<typeof mountList>) =>
  wrapper.findAll('[data-testid="item-row"]').map((row) => row.findAll('td').map((cell) => cell.text()))

describe('the list behind a headline number', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/screen/?token=leader-token')
    captureToken()
    requests = []
    answer = () => ({ data: { complaints: { totalCount: 35, edges: [complaint(1), complaint(2, null)] } } })
    stubBrowser((body, headers) => {
      const request = { ...body, authorization: headers.get('authorization') }
      requests.push(request)
      return answer(request)
    })
  })

  it('asks for the first page of the region’s overdue complaints with the viewer’s token, and lists them', async () => {
    const wrapper = mountList()
    expect(wrapper.attributes('data-status')).toBe('loading')
    await flushPromises()
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({ operationName: 'ScreenOverdueComplaints', variables: { regionCode: '990100' }, authorization: 'Bearer leader-token' })
    // what a leader needs, and never the complainant or the complaint's text
    expect(requests[0].query).not.toMatch(/complainant|content/)
    expect(wrapper.get('[data-testid="item-list-summary"]').text()).toBe('共 35 件，显示前 2 件')
    expect(wrapper.text()).toContain('超期投诉明细 · 江湾市')
    // 01:30Z is 09:30 in Beijing; the town is named after the district the screen knows
    expect(rows(wrapper)).toEqual([
      ['投诉1', '已转办待签收', '临江区市场监督管理局', '临江区', '2026/08/20 09:30'],
      ['投诉2', '已转办待签收', '未转办', '临江区', '2026/08/20 09:30'],
    ])
  })

  it('lists overdue demands and red tasks with their own columns', async () => {
    answer = ({ operationName }) =>
      operationName === 'ScreenOverdueTasks'
        ? { data: { supervisedTasks: { totalCount: 1, edges: [{ node: { id: 't1', number: 12, title: '网上办税比例提升到70%', status: 'IN_PROGRESS', deadline: '2026-06-30T15:59:59.999Z', leadUnit: { name: '市税务局' }, region: { code: '990100' } } }] } } }
        : { data: { demands: { totalCount: 0, edges: [] } } }
    const tasks = mountList({ kind: 'overdueTasks', count: 1 })
    await flushPromises()
    expect(tasks.findAll('th').map((th) => th.text())).toEqual(['标题', '状态', '牵头单位', '区域', '完成时限'])
    expect(rows(tasks)).toEqual([['12. 网上办税比例提升到70%', '推进中', '市税务局', '江湾市', '2026/06/30 23:59']])
    const demands = mountList({ kind: 'overdueDemands', count: 0 })
    await flushPromises()
    expect(requests.map((r) => r.operationName)).toEqual(['ScreenOverdueTasks', 'ScreenOverdueDemands'])
    expect(demands.text()).toContain('暂无超期诉求')
  })

  it('explains that a screen-only token sees numbers, not items, when the server refuses the list', async () => {
    answer = () => ({ data: null, errors: [{ message: '当前账号无权执行此操作', extensions: { code: 'FORBIDDEN' } }] })
    const wrapper = mountList()
    await flushPromises()
    expect(wrapper.get('[data-testid="item-list-error"]').text()).toContain('当前大屏账号只能查看统计数字')
    expect(rows(wrapper)).toEqual([])
  })

  it('fetches the list again when the number behind it changes, so the two agree', async () => {
    const wrapper = mountList()
    await flushPromises()
    answer = () => ({ data: { complaints: { totalCount: 36, edges: [complaint(3), complaint(1), complaint(2)] } } })
    await wrapper.setProps({ count: 36 })
    await flushPromises()
    expect(requests).toHaveLength(2)
    expect(wrapper.get('[data-testid="item-list-summary"]').text()).toBe('共 36 件，显示前 3 件')
  })

  it('closes on its button, on Escape, and by itself after two idle minutes; touching it keeps it open', async () => {
    vi.useFakeTimers()
    try {
      const wrapper = mountList()
      await wrapper.get('[data-testid="item-list-close"]').trigger('click')
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
      expect(wrapper.emitted('close')).toHaveLength(2)

      vi.advanceTimersByTime(OVERVIEW_RETURN_MS - 1000)
      await wrapper.trigger('pointermove')
      vi.advanceTimersByTime(OVERVIEW_RETURN_MS - 1)
      expect(wrapper.emitted('close')).toHaveLength(2)
      vi.advanceTimersByTime(1)
      expect(wrapper.emitted('close')).toHaveLength(3)

      const closes = wrapper.emitted('close')!
      wrapper.unmount()
      expect(vi.getTimerCount()).toBe(0)
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
      expect(closes).toHaveLength(3)
    } finally {
      vi.useRealTimers()
    }
  })
})
