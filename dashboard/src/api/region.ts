import { describeError, graphqlErrorMessage } from './error-message'
import { liveClient } from './live'

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
  byDispatchStatus: DispatchStatusCount[]
}

export interface TaskStats {
  total: number
  open: number
  overdue: number
}

export interface ServiceStats {
  enterprises: number
  openDemands: number
  overdueDemands: number
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
  children: ChildRegionStats[] | null
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
      complaintStats { total open overdue byDispatchStatus { status count } }
      taskStats { total open overdue }
      serviceStats { enterprises openDemands overdueDemands }
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
  const dispose = liveClient().subscribe<{ regionStats: RegionStats | null }>(
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
