// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { stubBrowser } from '../../testing/happy-dom-screen'
import { trendDays } from '../../testing/screen-fixtures'
import ComplaintTrendChart from './complaint-trend-chart.vue'

vi.mock('../../echarts', async (original) => (await import('../../testing/svg-echarts')).withSvgCharts(await original()))

const drawn = () => new Promise((resolve) => setTimeout(resolve, 50))
const texts = (wrapper: ReturnType<typeof mount>) => wrapper.findAll('svg text').map((t) => t.text())

describe('the 30-day complaint trend', () => {
  beforeEach(() => stubBrowser())

  it('draws received and closed per day, in zh-CN, with the 30-day totals beside the title', async () => {
    const wrapper = mount(ComplaintTrendChart, { props: { trend: trendDays() } })
    await drawn()
    expect(wrapper.text()).toContain('近30天投诉受理与办结')
    // 29 days of 3 and 2, one quiet day of zeros
    expect(wrapper.get('[data-testid="trend-received-total"]').text()).toBe('87')
    expect(wrapper.get('[data-testid="trend-closed-total"]').text()).toBe('58')
    const labels = texts(wrapper)
    expect(labels).toEqual(expect.arrayContaining(['受理', '办结', '10/26', '11/23']))
    // every day is there for a reader of the page, the quiet one as zeros
    const days = wrapper.get('[data-testid="complaint-trend-chart"]').attributes('data-days')!.split(';')
    expect(days).toHaveLength(30)
    expect(days[0]).toBe('2026-10-26:3:2')
    expect(days).toContain('2026-11-22:0:0')
    wrapper.unmount()
  })

  it('tells the lines apart by marker shape and dash, not only colour, and follows new numbers', async () => {
    const wrapper = mount(ComplaintTrendChart, { props: { trend: trendDays() } })
    await drawn()
    expect(wrapper.text()).toContain('● 受理')
    expect(wrapper.text()).toContain('▲ 办结')
    expect(wrapper.findAll('svg path[stroke-dasharray]').length).toBeGreaterThan(0)
    const more = trendDays().map((day, i) => (i === 29 ? { ...day, received: day.received + 5 } : day))
    await wrapper.setProps({ trend: more })
    await drawn()
    expect(wrapper.get('[data-testid="trend-received-total"]').text()).toBe('92')
    wrapper.unmount()
  })

  it('says the numbers are unavailable while the complaints subgraph is down, instead of drawing zeros', async () => {
    const wrapper = mount(ComplaintTrendChart, { props: { trend: null } })
    await drawn()
    expect(wrapper.text()).toContain('投诉数据暂不可用')
    expect(wrapper.find('[data-testid="trend-totals"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
