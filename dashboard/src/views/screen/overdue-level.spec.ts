import { describe, expect, it } from 'vitest'
import type { ChildRegionStats } from '../../api/region'
import { OVERDUE_PIECES, overdueText, overdueTotal } from './overdue-level'

const child = (complaints: number | null, tasks: number | null, demands: number | null): ChildRegionStats => ({
  code: '990102',
  name: '临江区',
  level: 'DISTRICT',
  complaintStats: complaints === null ? null : { open: 0, overdue: complaints },
  taskStats: tasks === null ? null : { overdue: tasks },
  serviceStats: demands === null ? null : { overdueDemands: demands },
})

/** The band a total falls in, as ECharts' piecewise visualMap reads value/gte/lte. */
const band = (value: number) =>
  OVERDUE_PIECES.find((p) => ('value' in p ? p.value === value : value >= p.gte && (!('lte' in p) || value <= p.lte)))?.label

describe('overdueTotal', () => {
  it('adds overdue complaints, tasks and demands', () => {
    expect(overdueTotal(child(2, 3, 4))).toEqual({ value: 9, partial: false })
    expect(overdueText(overdueTotal(child(2, 3, 4)), '—')).toBe('9')
  })

  it('is a lower bound when a subgraph is down, and unknown when all are', () => {
    expect(overdueTotal(child(2, null, 4))).toEqual({ value: 6, partial: true })
    expect(overdueText(overdueTotal(child(2, null, 4)), '—')).toBe('≥6')
    expect(overdueTotal(child(null, null, null))).toEqual({ value: null, partial: false })
    expect(overdueText(overdueTotal(undefined), '—')).toBe('—')
  })
})

describe('OVERDUE_PIECES', () => {
  it('puts 0 in green, 1–3 yellow, 4–9 orange, 10 and more red, with no gap', () => {
    expect([0, 1, 3, 4, 9, 10, 250].map(band)).toEqual(['0', '1–3', '1–3', '4–9', '4–9', '≥10', '≥10'])
    expect(OVERDUE_PIECES.map((p) => p.color)).toEqual(['#2fd46b', '#f5d142', '#ff8c1a', '#ff4d4f'])
    // ECharts reads a lone `min` as exclusive: only explicit bounds are used
    for (const piece of OVERDUE_PIECES) expect(Object.keys(piece).filter((k) => k === 'min' || k === 'max')).toEqual([])
  })
})
