// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { stubBrowser } from '../../testing/happy-dom-screen'
import { regionStats } from '../../testing/screen-fixtures'
import DispatchStatusChart from './dispatch-status-chart.vue'

vi.mock('../../echarts', async (original) => (await import('../../testing/svg-echarts')).withSvgCharts(await original()))

/** ECharts draws on the next animation frame, and fonts load first (a resolved promise here). */
const drawn = () => new Promise((resolve) => setTimeout(resolve, 50))
const texts = (wrapper: ReturnType<typeof mount>) => wrapper.findAll('svg text').map((t) => t.text())

describe('dispatch status chart', () => {
  beforeEach(() => stubBrowser())

  it('draws one bar per open status in the order of the closed loop, each labelled with its count', async () => {
    const wrapper = mount(DispatchStatusChart, { props: { complaintStats: regionStats('990100').complaintStats } })
    await drawn()
    const labels = texts(wrapper)
    expect(labels.filter((t) => /^[\u4e00-\u9fff]+$/.test(t))).toEqual(['待转办', '已转办待签收', '已退回', '办理中', '已答复'])
    expect(labels.filter((t) => t.endsWith(' 件'))).toEqual(['9 件', '12 件', '6 件', '28 件', '20 件'])
    // 已办结 is not an open status
    expect(labels).not.toContain('已办结')
    wrapper.unmount()
  })

  it('paints 已退回 amber and the others in the accent colour; the axis says which is which in words', async () => {
    const wrapper = mount(DispatchStatusChart, { props: { complaintStats: regionStats('990100').complaintStats } })
    await drawn()
    const fills = wrapper.findAll('svg path').map((p) => p.attributes('fill')).filter((f) => f === '#ffb020' || f === '#38c8ff')
    expect(fills.filter((f) => f === '#ffb020')).toHaveLength(1)
    expect(fills.filter((f) => f === '#38c8ff')).toHaveLength(4)
    wrapper.unmount()
  })

  it('counts a status the server left out as 0, and follows new numbers', async () => {
    const stats = regionStats('990100').complaintStats!
    const wrapper = mount(DispatchStatusChart, {
      props: { complaintStats: { ...stats, byDispatchStatus: stats.byDispatchStatus.filter((s) => s.status !== 'RETURNED') } },
    })
    await drawn()
    expect(texts(wrapper).filter((t) => t.endsWith(' 件'))).toEqual(['9 件', '12 件', '0 件', '28 件', '20 件'])
    await wrapper.setProps({ complaintStats: { ...stats, byDispatchStatus: stats.byDispatchStatus.map((s) => ({ ...s, count: s.count + 1 })) } })
    await drawn()
    await drawn()
    expect(texts(wrapper).filter((t) => t.endsWith(' 件'))).toEqual(['10 件', '13 件', '7 件', '29 件', '21 件'])
    wrapper.unmount()
  })

  it('says the numbers are unavailable while the complaints subgraph is down, instead of drawing zeros', async () => {
    const wrapper = mount(DispatchStatusChart, { props: { complaintStats: null } })
    await drawn()
    expect(wrapper.text()).toContain('投诉数据暂不可用')
    expect(texts(wrapper).filter((t) => t.endsWith(' 件'))).toEqual([])
    wrapper.unmount()
  })
})
