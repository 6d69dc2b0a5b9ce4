import type { DispatchEventKind, DispatchItemKind } from '../../api/feed'
import type { ItemListKind, TaskStatus } from '../../api/items'
import type { DispatchStatus, RegionLevel } from '../../api/region'

/** Open statuses in the order of the closed loop 受理 → 转办 → 签收/退回 → 办理 → 答复. */
export const OPEN_DISPATCH_STATUSES: readonly Exclude<DispatchStatus, 'CLOSED'>[] = [
  'AWAITING_DISPATCH',
  'DISPATCHED',
  'RETURNED',
  'ACCEPTED',
  'REPLIED',
]

export const DISPATCH_STATUS_LABELS: Record<DispatchStatus, string> = {
  AWAITING_DISPATCH: '待转办',
  DISPATCHED: '已转办待签收',
  ACCEPTED: '办理中',
  RETURNED: '已退回',
  REPLIED: '已答复',
  CLOSED: '已办结',
}

export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  CITY: '市',
  DISTRICT: '区县',
  TOWN: '镇街',
  PARK: '园区',
}

/** The feed's verbs for the steps of the closed loop (受理 → 转办 → 签收/退回 → 答复 → 办结). */
export const DISPATCH_EVENT_LABELS: Record<DispatchEventKind, string> = {
  RECEIVED: '受理',
  DISPATCHED: '转办',
  ACCEPTED: '签收',
  RETURNED: '退回',
  REPLIED: '答复',
  CLOSED: '办结',
  TURNED_OVERDUE: '超期',
}

export const ITEM_KIND_LABELS: Record<DispatchItemKind, string> = {
  COMPLAINT: '投诉',
  DEMAND: '诉求',
  TASK: '任务',
}

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  IN_PROGRESS: '推进中',
  DONE: '已完成',
}

/** What the lists behind the headline numbers are called, and what their time column holds. */
export const ITEM_LIST_LABELS: Record<ItemListKind, { title: string; unit: string; unitColumn: string; timeColumn: string; warning?: boolean }> = {
  overdueComplaints: { title: '超期投诉', unit: '件', unitColumn: '承办单位', timeColumn: '受理时间' },
  dueSoonComplaints: { title: '临期投诉', unit: '件', unitColumn: '承办单位', timeColumn: '受理时间', warning: true },
  overdueDemands: { title: '超期诉求', unit: '件', unitColumn: '承办单位', timeColumn: '提出时间' },
  overdueTasks: { title: '红灯任务（超期未完成）', unit: '项', unitColumn: '牵头单位', timeColumn: '完成时限' },
  yellowTasks: { title: '黄灯任务（临近时限或落后于进度）', unit: '项', unitColumn: '牵头单位', timeColumn: '完成时限', warning: true },
}

/** Shown for a count the server could not supply (its subgraph is down). */
export const UNKNOWN = '—'
