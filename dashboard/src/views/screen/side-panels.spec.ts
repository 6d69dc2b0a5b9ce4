// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { regionStats } from '../../testing/screen-fixtures'
import CampaignStatus from './campaign-status.vue'
import UnitRanking from './unit-ranking.vue'

const at = (time: string, date: string) => Date.parse(`${date}T${time}+08:00`)

describe('the unit ranking panel', () => {
  it('lists the units with the highest smoothed overdue rate, highest first, with their load', () => {
    const wrapper = mount(UnitRanking, { props: { ranking: regionStats('990100').unitComplaintRanking, loaded: true } })
    const rows = wrapper.findAll('[data-testid="ranking-row"]').map((row) => row.findAll('span').filter((s) => s.text()).map((s) => s.text()))
    expect(rows).toEqual([
      ['1', '临江区市场监督管理局', '30.0%', '超期 5 / 办理 12 件'],
      ['2', '市自然资源局', '21.3%', '超期 6 / 办理 30 件'],
    ])
  })

  it('says when a unit handled too few to be ranked, and draws no bar for it', () => {
    const ranking = [{ rank: null, unit: { name: '某街道办' }, handled: 2, overdue: 2, smoothedOverdueRate: 0.4 }]
    const wrapper = mount(UnitRanking, { props: { ranking, loaded: true } })
    expect(wrapper.get('[data-testid="ranking-row"]').text()).toContain('件数不足')
    expect(wrapper.get('.bar-fill').attributes('style')).toContain('width: 0')
  })

  it('tells loading, unavailable and empty apart', () => {
    expect(mount(UnitRanking, { props: { ranking: null, loaded: false } }).text()).toContain('正在加载排名…')
    expect(mount(UnitRanking, { props: { ranking: null, loaded: true } }).text()).toContain('排名数据暂不可用')
    expect(mount(UnitRanking, { props: { ranking: [], loaded: true } }).text()).toContain('暂无承办单位办理投诉')
  })
})

describe('the campaign line', () => {
  const campaign = regionStats('990100').currentCampaign!

  it('shows the phase and the days left, counted by the screen’s own clock', async () => {
    const wrapper = mount(CampaignStatus, { props: { campaign, now: at('09:00:00', '2026-10-30') } })
    expect(wrapper.get('[data-testid="campaign-phase"]').text()).toBe('集中攻坚阶段（剩2天）')
    expect(wrapper.get('[data-testid="campaign-days-left"]').text()).toBe('方案剩63天')
    // a day passes at midnight without a frame from the server
    await wrapper.setProps({ now: at('00:00:01', '2026-10-31') })
    expect(wrapper.get('[data-testid="campaign-phase"]').text()).toBe('集中攻坚阶段（今天截止）')
    expect(wrapper.get('[data-testid="campaign-days-left"]').text()).toBe('方案剩62天')
  })

  it('shows the next milestone only when it comes before the phase ends', () => {
    // the fixture's milestone is the phase's own end: said once
    expect(mount(CampaignStatus, { props: { campaign, now: at('09:00:00', '2026-10-30') } }).find('[data-testid="campaign-milestone"]').exists()).toBe(false)
    const earlier = { ...campaign, nextMilestone: { on: '2026-10-15', title: '半程督查' } }
    const wrapper = mount(CampaignStatus, { props: { campaign: earlier, now: at('09:00:00', '2026-10-10') } })
    expect(wrapper.get('[data-testid="campaign-milestone"]').text()).toBe('10月15日 半程督查（剩6天）')
  })

  it('says so between phases', () => {
    const wrapper = mount(CampaignStatus, { props: { campaign: { ...campaign, currentPhase: null, nextMilestone: null }, now: at('09:00:00', '2026-11-02') } })
    expect(wrapper.get('[data-testid="campaign-phase"]').text()).toBe('阶段之间')
    expect(wrapper.find('[data-testid="campaign-milestone"]').exists()).toBe(false)
  })
})
