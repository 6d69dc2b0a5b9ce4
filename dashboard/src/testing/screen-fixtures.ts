import type { DispatchEvent, DispatchFeedFrame } from '../api/feed'
import type { ChildRegionStats, ComplaintTrendDay, RegionStats } from '../api/region'

/** Names of the demo city's regions used by the component tests. */
export const REGION_NAMES: Record<string, string> = {
  '990100': '江湾市',
  '990102': '临江区',
  '990103': '城南区',
  '990102001': '江滨街道',
}

const child = (code: string, overdue: number): ChildRegionStats => ({
  code,
  name: REGION_NAMES[code] ?? code,
  level: code.length === 6 ? 'DISTRICT' : 'TOWN',
  complaintStats: { open: overdue * 3, overdue },
  taskStats: { overdue: 1 },
  serviceStats: { overdueDemands: 0 },
})

/** A region's statistics as the ScreenRegion subscription sends them. */
export function regionStats(
  code: string,
  counts: { overdue?: number; dueSoon?: number; open?: number; tasks?: number; yellowTasks?: number; demands?: number } = {},
): RegionStats {
  const { overdue = 5, dueSoon = 4, open = 20, tasks = 2, yellowTasks = 3, demands = 1 } = counts
  const children = code === '990100' ? [child('990102', 3), child('990103', 2)] : code === '990102' ? [child('990102001', 3)] : []
  return {
    code,
    name: REGION_NAMES[code] ?? code,
    level: code === '990100' ? 'CITY' : code.length === 6 ? 'DISTRICT' : 'TOWN',
    parent: code === '990100' ? null : { code: '990100', name: '江湾市', parent: null },
    complaintStats: {
      total: open + 10,
      open,
      overdue,
      dueSoon,
      byDispatchStatus: [
        { status: 'AWAITING_DISPATCH', count: 9 },
        { status: 'DISPATCHED', count: 12 },
        { status: 'RETURNED', count: 6 },
        { status: 'ACCEPTED', count: 28 },
        { status: 'REPLIED', count: 20 },
        { status: 'CLOSED', count: 40 },
      ],
    },
    taskStats: { total: 30, open: 20, overdue: tasks, yellow: yellowTasks },
    serviceStats: { enterprises: 100, openDemands: 10, overdueDemands: demands, keyEnterprises: 12, coveredKeyEnterprises: 9, keyProjects: 6, coveredKeyProjects: 6 },
    complaintTrend: trendDays(),
    // the screen's own memory of the day's change unless a test gives the server's 00:00 counts
    complaintsAtStartOfDay: null,
    demandsAtStartOfDay: null,
    tasksAtStartOfDay: null,
    children,
    unitComplaintRanking: [
      { rank: 9, unit: { name: '临江区市场监督管理局' }, handled: 12, overdue: 5, smoothedOverdueRate: 0.3 },
      { rank: 8, unit: { name: '市自然资源局' }, handled: 30, overdue: 6, smoothedOverdueRate: 0.2125 },
    ],
    currentCampaign: {
      title: '江湾市2026年优化营商环境攻坚年活动实施方案',
      endsOn: '2026-12-31',
      currentPhase: { position: 3, name: '集中攻坚', endsOn: '2026-10-31' },
      nextMilestone: { on: '2026-10-31', title: '集中攻坚阶段目标完成' },
    },
  }
}

/** 30 days up to 2026-11-24: 3 received and 2 closed a day, with a quiet Sunday (zeros listed too). */
export function trendDays(): ComplaintTrendDay[] {
  const end = Date.parse('2026-11-24T00:00:00Z')
  return Array.from({ length: 30 }, (_, i) => {
    const date = new Date(end - (29 - i) * 86_400_000).toISOString().slice(0, 10)
    return date === '2026-11-22' ? { date, received: 0, closed: 0 } : { date, received: 3, closed: 2 }
  })
}

let position = 0

/** A dispatch event of the feed, with a fresh stream position. */
export function dispatchEvent(overrides: Partial<DispatchEvent> = {}): DispatchEvent {
  position++
  return {
    position: `1700000000000-${position}`,
    kind: 'RECEIVED',
    itemKind: 'COMPLAINT',
    itemId: `c-${position}`,
    title: `投诉${position}`,
    regionCode: '990102001',
    occurredAt: '2026-09-30T06:05:09.000Z',
    ...overrides,
  }
}

export function feedFrame(version: string, events: DispatchEvent[], reset = true): DispatchFeedFrame {
  return { version, reset, events }
}
