// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RegionStats } from '../../api/region'
import { regionStats } from '../../testing/screen-fixtures'
import HeadlineCounts from './headline-counts.vue'

const at = (time: string, date = '2026-09-30') => Date.parse(`${date}T${time}+08:00`)

/** The screen's clock (`now`, ticking every second) and the time a frame arrives (Date.now()) agree here. */
function mountCounts(stats: RegionStats | null, now = at('12:03:00'), live = true) {
  vi.setSystemTime(now)
  const wrapper = mount(HeadlineCounts, { props: { stats, regionCode: '990100', live, now } })
  return Object.assign(wrapper, {
    /** New props at the time `props.now` (or the current one). */
    async update(props: Partial<{ stats: RegionStats | null; now: number; live: boolean }>) {
      if (props.now) vi.setSystemTime(props.now)
      await wrapper.setProps(props)
    },
  })
}

const card = (wrapper: ReturnType<typeof mountCounts>, testId: string) => wrapper.get(`[data-testid="${testId}-card"]`)

describe('headline counts', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('shows overdue and due-soon complaints, overdue demands, red and yellow tasks and open complaints of the region', () => {
    const wrapper = mountCounts(regionStats('990100', { overdue: 35, dueSoon: 4, demands: 7, tasks: 2, yellowTasks: 6, open: 75 }))
    const shown = Object.fromEntries(
      ['overdue-complaints', 'due-soon-complaints', 'overdue-demands', 'overdue-tasks', 'yellow-tasks', 'open-complaints'].map((id) => [id, wrapper.get(`[data-testid="${id}"]`).text()]),
    )
    expect(shown).toEqual({
      'overdue-complaints': '35',
      'due-soon-complaints': '4',
      'overdue-demands': '7',
      'overdue-tasks': '2',
      'yellow-tasks': '6',
      'open-complaints': '75',
    })
    expect(wrapper.findAll('.count-label').map((l) => l.text())).toEqual(['超期投诉', '临期投诉', '超期诉求', '红灯任务', '黄灯任务', '在办投诉'])
  })

  it('marks red counts above zero with ⚠ and yellow ones with ◆, never by colour alone; zero and open counts get neither', () => {
    const wrapper = mountCounts(regionStats('990100', { overdue: 3, dueSoon: 2, demands: 0, tasks: 1, yellowTasks: 0, open: 75 }))
    const cue = (testId: string) => {
      const c = card(wrapper, testId)
      return [c.classes('alert') ? 'red' : c.classes('warning') ? 'amber' : 'plain', c.find('[role="img"]').exists() ? c.get('[role="img"]').text() : '']
    }
    expect(cue('overdue-complaints')).toEqual(['red', '⚠'])
    expect(cue('due-soon-complaints')).toEqual(['amber', '◆'])
    expect(cue('overdue-demands')).toEqual(['plain', ''])
    expect(cue('overdue-tasks')).toEqual(['red', '⚠'])
    expect(cue('yellow-tasks')).toEqual(['plain', ''])
    expect(cue('open-complaints')).toEqual(['plain', ''])
  })

  it('says a count is unavailable instead of showing a false zero when its subgraph is down', () => {
    const stats = { ...regionStats('990100'), taskStats: null, serviceStats: null }
    const wrapper = mountCounts(stats)
    expect(wrapper.get('[data-testid="overdue-tasks"]').text()).toBe('—')
    expect(card(wrapper, 'overdue-tasks').text()).toContain('数据暂不可用')
    expect(card(wrapper, 'overdue-tasks').classes('alert')).toBe(false)
    expect(wrapper.get('[data-testid="overdue-demands"]').text()).toBe('—')
    expect(wrapper.get('[data-testid="overdue-complaints"]').text()).toBe('5')
  })

  it('shows the change since it was opened, saying since when, and never calls that "today"', async () => {
    const wrapper = mountCounts(regionStats('990100', { overdue: 35 }))
    expect(wrapper.get('[data-testid="overdue-complaints-change"]').text()).toBe('自12:03起 持平')
    await wrapper.update({ stats: regionStats('990100', { overdue: 38 }), now: at('12:30:00') })
    expect(wrapper.get('[data-testid="overdue-complaints-change"]').text()).toBe('自12:03起 ▲3')
    await wrapper.update({ stats: regionStats('990100', { overdue: 36 }) })
    expect(wrapper.get('[data-testid="overdue-complaints-change"]').text()).toBe('自12:03起 ▲1')
    await wrapper.update({ stats: regionStats('990100', { overdue: 30 }) })
    expect(wrapper.get('[data-testid="overdue-complaints-change"]').text()).toBe('自12:03起 ▼5')
    expect(wrapper.get('[data-testid="overdue-complaints-change"]').attributes('title')).toContain('减少 5 件')
  })

  it('counts complaints, demands and task lights from the server’s figures at 00:00 whenever it was opened', async () => {
    const atMidnight = { at: new Date(at('00:00:00')).toISOString(), open: 70, overdue: 31, dueSoon: 6 }
    const figures = {
      complaintsAtStartOfDay: atMidnight,
      demandsAtStartOfDay: { at: atMidnight.at, open: 9, overdue: 1 },
      tasksAtStartOfDay: { at: atMidnight.at, red: 1, yellow: 5 },
    }
    const wrapper = mountCounts({ ...regionStats('990100', { overdue: 35, dueSoon: 4, open: 75, demands: 3, tasks: 2, yellowTasks: 3 }), ...figures })
    const change = (id: string) => wrapper.get(`[data-testid="${id}-change"]`).text()
    // opened at 12:03, yet "today" is true: the server recounted 00:00
    expect(change('overdue-complaints')).toBe('今日 ▲4')
    expect(change('due-soon-complaints')).toBe('今日 ▼2')
    expect(change('open-complaints')).toBe('今日 ▲5')
    expect(wrapper.get('[data-testid="overdue-complaints-change"]').attributes('title')).toContain('较今日零时增加 4 件')
    expect(change('overdue-demands')).toBe('今日 ▲2')
    expect(change('overdue-tasks')).toBe('今日 ▲1')
    expect(change('yellow-tasks')).toBe('今日 ▼2')
    expect(wrapper.get('[data-testid="yellow-tasks-change"]').attributes('title')).toContain('黄灯任务较今日零时减少 2 项')
    // the tasks subgraph's figures gone: tasks count from the screen's first frame, and it says so
    await wrapper.update({ stats: { ...regionStats('990100', { overdue: 36, tasks: 3 }), complaintsAtStartOfDay: atMidnight }, now: at('12:30:00') })
    expect(change('overdue-complaints')).toBe('今日 ▲5')
    expect(change('overdue-tasks')).toBe('自12:03起 ▲1')
    // yesterday's 00:00 figures are not today's: back to the screen's own memory
    const yesterday = new Date(at('00:00:00', '2026-09-29')).toISOString()
    await wrapper.update({ stats: { ...regionStats('990100', { overdue: 36, tasks: 3 }), complaintsAtStartOfDay: { ...atMidnight, at: yesterday }, tasksAtStartOfDay: { at: yesterday, red: 0, yellow: 0 } } })
    expect(change('overdue-complaints')).toBe('自12:03起 ▲1')
    expect(change('overdue-tasks')).toBe('自12:03起 ▲1')
  })

  it('counts from midnight once the screen was live across it', async () => {
    const wrapper = mountCounts(regionStats('990100', { overdue: 35 }), at('23:58:00'))
    await wrapper.update({ now: at('00:00:01', '2026-10-01') })
    expect(wrapper.get('[data-testid="overdue-complaints-change"]').text()).toBe('今日 持平')
    await wrapper.update({ stats: regionStats('990100', { overdue: 41 }) })
    expect(wrapper.get('[data-testid="overdue-complaints-change"]').text()).toBe('今日 ▲6')
  })

  it('does not claim "today" when it was not live at midnight', async () => {
    const wrapper = mountCounts(regionStats('990100', { overdue: 35 }), at('23:58:00'))
    await wrapper.update({ live: false })
    await wrapper.update({ now: at('00:00:01', '2026-10-01') })
    expect(wrapper.find('[data-testid="overdue-complaints-change"]').exists()).toBe(false)
    await wrapper.update({ live: true, stats: regionStats('990100', { overdue: 36 }), now: at('00:07:00', '2026-10-01') })
    expect(wrapper.get('[data-testid="overdue-complaints-change"]').text()).toMatch(/^自00:0\d起 持平$/)
  })

  it('opens the list behind a number on a click, 临期投诉 included; open complaints have no list', async () => {
    const wrapper = mountCounts(regionStats('990100'))
    for (const id of ['overdue-complaints', 'due-soon-complaints', 'overdue-demands', 'overdue-tasks', 'yellow-tasks', 'open-complaints']) {
      await card(wrapper, id).trigger('click')
    }
    expect(wrapper.emitted('open')).toEqual([['overdueComplaints'], ['dueSoonComplaints'], ['overdueDemands'], ['overdueTasks'], ['yellowTasks']])
    expect(card(wrapper, 'overdue-complaints').element.tagName).toBe('BUTTON')
    expect(card(wrapper, 'open-complaints').element.tagName).toBe('DIV')
  })
})
