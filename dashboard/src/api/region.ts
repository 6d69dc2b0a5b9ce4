import { describeError, graphqlErrorMessage } from './error-message'
import { liveSubscribe } from './live'

export type RegionLevel = 'CITY' | 'DISTRICT' | 'TOWN' | 'PARK'

export type DispatchStatus =
  | 'AWAITING_DISPATCH'
  | 'DISPATCHED'
  | 'ACCEPTED'
  | 'RETURNED'
  | 'REPLIED'
  | 'CLOSED'

export interface DispatchStatusCount {
  status: DispatchStatus
  count: number
}

export interface ComplaintStats {
  total: number
  open: number
  overdue: number
  /** 临期（黄灯）: open, not overdue, its current deadline within the yellow lead (1 working day by default). */
  dueSoon: number
  byDispatchStatus: DispatchStatusCount[]
}

export interface TaskStats {
  total: number
  open: number
  /** 红灯: past the deadline and not done. */
  overdue: number
  /** 黄灯: not overdue, but near its deadline (5 working days) or behind its target. */
  yellow: number
}

/** One line of the ranking of handling units by overdue rate, smoothed by their load. */
export interface UnitRank {
  /** 1 = the lowest overdue rate; null when the unit handled too few to be ranked. */
  rank: number | null
  unit: { name: string }
  handled: number
  overdue: number
  smoothedOverdueRate: number
}

// Days left are counted on the screen from these dates and its clock: a day passes at midnight
// without any change that would send a frame.

export interface CampaignPhaseStatus {
  position: number
  name: string
  /** YYYY-MM-DD, Beijing time, inclusive. */
  endsOn: string
}

/** The region's own campaign (活动方案) running today. */
export interface CurrentCampaign {
  title: string
  /** YYYY-MM-DD, Beijing time, inclusive. */
  endsOn: string
  /** null between phases. */
  currentPhase: CampaignPhaseStatus | null
  /** The next milestone (时间节点) from today on. */
  nextMilestone: { on: string; title: string } | null
}

export interface ServiceStats {
  enterprises: number
  openDemands: number
  overdueDemands: number
  /** 服务大使覆盖: key enterprises/projects with an active ambassador at every level from the city down to their own. */
  keyEnterprises: number
  coveredKeyEnterprises: number
  keyProjects: number
  coveredKeyProjects: number
}

/** One Beijing-time day of the 30-day trend: complaints received and closed that day. */
export interface ComplaintTrendDay {
  /** YYYY-MM-DD, Beijing time. */
  date: string
  received: number
  closed: number
}

export interface ChildRegionStats {
  code: string
  name: string
  level: RegionLevel
  complaintStats: Pick<ComplaintStats, 'open' | 'overdue'> | null
  taskStats: Pick<TaskStats, 'overdue'> | null
  serviceStats: Pick<ServiceStats, 'overdueDemands'> | null
}

/** An ancestor of the shown region; the query asks for two levels. */
export interface RegionAncestor {
  code: string
  name: string
  /** null at the top of the viewer's scope; absent on the last level asked for. */
  parent?: RegionAncestor | null
}

/** The region's complaint counts at today's 00:00 (Beijing time), recounted by the server from its data. */
export interface ComplaintsAtStartOfDay {
  /** ISO 8601: today's 00:00, Beijing time. */
  at: string
  open: number
  overdue: number
  dueSoon: number
}

/** The region's demand counts at today's 00:00 (Beijing time), recounted by the server from its data. */
export interface DemandsAtStartOfDay {
  /** ISO 8601: today's 00:00, Beijing time. */
  at: string
  open: number
  overdue: number
}

/** The region's red and yellow task counts at today's 00:00 (Beijing time), recounted by the server from its data. */
export interface TasksAtStartOfDay {
  /** ISO 8601: today's 00:00, Beijing time. */
  at: string
  red: number
  yellow: number
}

/** Each *Stats is null while its subgraph is down. */
export interface RegionStats {
  code: string
  name: string
  level: RegionLevel
  /** null at the top of the viewer's scope (the server does not reveal regions above it). */
  parent: RegionAncestor | null
  complaintStats: ComplaintStats | null
  taskStats: TaskStats | null
  serviceStats: ServiceStats | null
  /** The last 30 days, oldest first, every day listed; null while the complaints subgraph is down. */
  complaintTrend: ComplaintTrendDay[] | null
  /** null while the complaints subgraph is down: the day's change then falls back to the screen's own memory. */
  complaintsAtStartOfDay: ComplaintsAtStartOfDay | null
  /** null while the enterprise-service subgraph is down (the same fallback). */
  demandsAtStartOfDay: DemandsAtStartOfDay | null
  /** null while the tasks subgraph is down (the same fallback). */
  tasksAtStartOfDay: TasksAtStartOfDay | null
  children: ChildRegionStats[] | null
  /** The five units with the highest smoothed overdue rate; null while unavailable. */
  unitComplaintRanking: UnitRank[] | null
  /** null when the region runs no campaign today (or the tasks subgraph is down). */
  currentCampaign: CurrentCampaign | null
}

export interface RegionFrame {
  /** null when the server sent no data for the region (e.g. FORBIDDEN). */
  stats: RegionStats | null
  /** zh-CN messages of errors carried by the frame; empty when clean. */
  errorMessages: string[]
}

const SCREEN_REGION = /* GraphQL */ `
  subscription ScreenRegion($code: ID!) {
    regionStats(code: $code) {
      code
      name
      level
      # for the breadcrumb on a direct open of a town: city › district › town
      parent { code name parent { code name } }
      complaintStats { total open overdue dueSoon byDispatchStatus { status count } }
      taskStats { total open overdue yellow }
      serviceStats { enterprises openDemands overdueDemands keyEnterprises coveredKeyEnterprises keyProjects coveredKeyProjects }
      complaintTrend(days: 30) { date received closed }
      complaintsAtStartOfDay { at open overdue dueSoon }
      demandsAtStartOfDay { at open overdue }
      tasksAtStartOfDay { at red yellow }
      unitComplaintRanking(order: WORST_FIRST, first: 5) { rank unit { name } handled overdue smoothedOverdueRate }
      currentCampaign {
        title
        endsOn
        currentPhase { position name endsOn }
        nextMilestone { on title }
      }
      children {
        code
        name
        level
        complaintStats { open overdue }
        taskStats { overdue }
        serviceStats { overdueDemands }
      }
    }
  }
`

/**
 * Live statistics of one region. The server sends the full state first (also after every
 * reconnect, which graphql-ws handles by itself), then a frame after each change.
 * `onError` means the subscription has ended for good (a fatal close, or the server refused
 * or completed it); the caller decides when to subscribe again.
 * Returns the unsubscribe function; no callback fires after it has been called.
 */
export function subscribeRegion(
  code: string,
  onData: (frame: RegionFrame) => void,
  onError: (message: string) => void,
): () => void {
  let active = true
  const dispose = liveSubscribe<{ regionStats: RegionStats | null }>(
    { query: SCREEN_REGION, variables: { code }, operationName: 'ScreenRegion' },
    {
      next: (result) => {
        if (!active) return
        const errorMessages = [...new Set((result.errors ?? []).map(graphqlErrorMessage))]
        onData({ stats: result.data?.regionStats ?? null, errorMessages })
      },
      error: (error) => {
        if (!active) return
        active = false
        onError(describeError(error))
      },
      complete: () => {
        if (!active) return
        active = false
        onError('实时订阅已结束，正在重新订阅…')
      },
    },
  )
  return () => {
    active = false
    dispose()
  }
}
