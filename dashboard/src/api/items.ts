import type { DispatchStatus } from './region'
import { queryOnce } from './http'

/** The lists behind the screen's headline numbers. */
export type ItemListKind = 'overdueComplaints' | 'dueSoonComplaints' | 'overdueDemands' | 'overdueTasks' | 'yellowTasks'

export type TaskStatus = 'IN_PROGRESS' | 'DONE'

/**
 * One line of such a list: what a leader needs to ask "which unit, why" and nothing more
 * (never the complainant, never a complaint's text).
 */
export interface ScreenItem {
  id: string
  title: string
  status: DispatchStatus | TaskStatus
  /** 承办单位, or a task's 牵头单位; null when not dispatched yet or its name is unavailable. */
  unitName: string | null
  regionCode: string
  /** ISO 8601: received (complaints), raised (demands), deadline (tasks). */
  at: string
}

export interface ItemList {
  /** All such items in the region's subtree that the viewer may see. */
  totalCount: number
  /** The first page, in the server's order. */
  items: ScreenItem[]
}

/** Lines asked for; the panel says how many more there are. */
export const ITEM_PAGE_SIZE = 20

interface Connection<Node> {
  totalCount: number
  edges: { node: Node }[]
}

// Region codes only (the subgraph of the item answers them itself); the screen names them.
const SCREEN_OVERDUE_COMPLAINTS = /* GraphQL */ `
  query ScreenOverdueComplaints($regionCode: ID!) {
    complaints(filter: { regionCode: $regionCode, overdue: true }, first: 20) {
      totalCount
      edges { node { id title dispatchStatus receivedAt unit { name } region { code } } }
    }
  }
`

// 临期 = the yellow light, the same rule as complaintStats.dueSoon
const SCREEN_DUE_SOON_COMPLAINTS = /* GraphQL */ `
  query ScreenDueSoonComplaints($regionCode: ID!) {
    complaints(filter: { regionCode: $regionCode, light: YELLOW }, first: 20) {
      totalCount
      edges { node { id title dispatchStatus receivedAt unit { name } region { code } } }
    }
  }
`

const SCREEN_OVERDUE_DEMANDS = /* GraphQL */ `
  query ScreenOverdueDemands($regionCode: ID!) {
    demands(filter: { regionCode: $regionCode, overdue: true }, first: 20) {
      totalCount
      edges { node { id title status raisedAt unit { name } region { code } } }
    }
  }
`

const SCREEN_OVERDUE_TASKS = /* GraphQL */ `
  query ScreenOverdueTasks($regionCode: ID!) {
    supervisedTasks(filter: { regionCode: $regionCode, overdue: true }, first: 20) {
      totalCount
      edges { node { id number title status deadline leadUnit { name } region { code } } }
    }
  }
`

const SCREEN_YELLOW_TASKS = /* GraphQL */ `
  query ScreenYellowTasks($regionCode: ID!) {
    supervisedTasks(filter: { regionCode: $regionCode, light: YELLOW }, first: 20) {
      totalCount
      edges { node { id number title status deadline leadUnit { name } region { code } } }
    }
  }
`

interface ComplaintNode {
  id: string
  title: string
  dispatchStatus: DispatchStatus
  receivedAt: string
  unit: { name: string } | null
  region: { code: string }
}

interface DemandNode {
  id: string
  title: string
  status: DispatchStatus
  raisedAt: string
  unit: { name: string } | null
  region: { code: string }
}

interface TaskNode {
  id: string
  number: number
  title: string
  status: TaskStatus
  deadline: string
  leadUnit: { name: string } | null
  region: { code: string }
}

const listOf = <Node>(connection: Connection<Node>, line: (node: Node) => ScreenItem): ItemList => ({
  totalCount: connection.totalCount,
  items: connection.edges.map((edge) => line(edge.node)),
})

/**
 * The first page of the items behind a headline number of `regionCode`'s subtree, as the
 * viewer may see them: the server scopes every list to the caller, and refuses it (QueryError
 * with code FORBIDDEN) to a caller without the read permission, such as a screen-only token.
 */
export async function fetchItemList(kind: ItemListKind, regionCode: string, signal?: AbortSignal): Promise<ItemList> {
  const variables = { regionCode }
  switch (kind) {
    case 'overdueComplaints': {
      const data = await queryOnce<{ complaints: Connection<ComplaintNode> }>(SCREEN_OVERDUE_COMPLAINTS, 'ScreenOverdueComplaints', variables, signal)
      return listOf(data.complaints, complaintLine)
    }
    case 'dueSoonComplaints': {
      const data = await queryOnce<{ complaints: Connection<ComplaintNode> }>(SCREEN_DUE_SOON_COMPLAINTS, 'ScreenDueSoonComplaints', variables, signal)
      return listOf(data.complaints, complaintLine)
    }
    case 'overdueDemands': {
      const data = await queryOnce<{ demands: Connection<DemandNode> }>(SCREEN_OVERDUE_DEMANDS, 'ScreenOverdueDemands', variables, signal)
      return listOf(data.demands, (d) => ({ id: d.id, title: d.title, status: d.status, unitName: d.unit?.name ?? null, regionCode: d.region.code, at: d.raisedAt }))
    }
    case 'overdueTasks': {
      const data = await queryOnce<{ supervisedTasks: Connection<TaskNode> }>(SCREEN_OVERDUE_TASKS, 'ScreenOverdueTasks', variables, signal)
      return listOf(data.supervisedTasks, taskLine)
    }
    case 'yellowTasks': {
      const data = await queryOnce<{ supervisedTasks: Connection<TaskNode> }>(SCREEN_YELLOW_TASKS, 'ScreenYellowTasks', variables, signal)
      return listOf(data.supervisedTasks, taskLine)
    }
  }
}

function complaintLine(c: ComplaintNode): ScreenItem {
  return { id: c.id, title: c.title, status: c.dispatchStatus, unitName: c.unit?.name ?? null, regionCode: c.region.code, at: c.receivedAt }
}

function taskLine(t: TaskNode): ScreenItem {
  return { id: t.id, title: `${t.number}. ${t.title}`, status: t.status, unitName: t.leadUnit?.name ?? null, regionCode: t.region.code, at: t.deadline }
}
