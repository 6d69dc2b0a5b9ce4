import type { ChildRegionStats } from '../../api/region'

/**
 * The map's colour bands for a region's total overdue items; each area's label also shows the
 * number. gte/lte, not ECharts' legacy min/max: a lone `min: 10` means "more than 10".
 */
export const OVERDUE_PIECES = [
  { value: 0, label: '0', color: '#2fd46b' },
  { gte: 1, lte: 3, label: '1–3', color: '#f5d142' },
  { gte: 4, lte: 9, label: '4–9', color: '#ff8c1a' },
  { gte: 10, label: '≥10', color: '#ff4d4f' },
] as const

export interface OverdueTotal {
  /** Overdue complaints + tasks + demands; null when no part is known (subgraphs down). */
  value: number | null
  /** Some part is unknown: `value` is only a lower bound. */
  partial: boolean
}

export function overdueTotal(child: ChildRegionStats | undefined): OverdueTotal {
  const parts = [child?.complaintStats?.overdue, child?.taskStats?.overdue, child?.serviceStats?.overdueDemands]
  const known = parts.filter((part): part is number => typeof part === 'number')
  if (known.length === 0) return { value: null, partial: false }
  return { value: known.reduce((sum, part) => sum + part, 0), partial: known.length < parts.length }
}

/** '7', '≥7' when part of it is unknown, '—' when nothing is known. */
export function overdueText(total: OverdueTotal, unknown: string): string {
  if (total.value === null) return unknown
  return total.partial ? `≥${total.value}` : String(total.value)
}
