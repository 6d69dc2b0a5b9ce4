import { MapChart } from 'echarts/charts'
import { VisualMapPiecewiseComponent } from 'echarts/components'
import { init, registerMap, use } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { describe, expect, it } from 'vitest'
import { OVERDUE_PIECES } from './overdue-level'

use([MapChart, VisualMapPiecewiseComponent, SVGRenderer])

const values = [0, 1, 3, 4, 9, 10, 250]
const square = (i: number) => [[[118 + i, 30], [118.5 + i, 30], [118.5 + i, 30.5], [118 + i, 30.5], [118 + i, 30]]]
registerMap('overdue-colours-test', {
  type: 'FeatureCollection',
  features: values.map((_, i) => ({ type: 'Feature', properties: { adcode: String(i) }, geometry: { type: 'Polygon', coordinates: square(i) } })),
} as Parameters<typeof registerMap>[1])

interface InternalChart {
  getModel(): { getSeriesByIndex(index: number): { getData(): { getItemVisual(index: number, key: 'style'): unknown } } }
}

describe('the map’s colour bands as ECharts applies them', () => {
  it('colours 0 green, 1–3 yellow, 4–9 orange, 10 and more red, bounds included', () => {
    const chart = init(null, undefined, { renderer: 'svg', ssr: true, width: 400, height: 100 })
    chart.setOption({
      visualMap: { type: 'piecewise', seriesIndex: 0, pieces: OVERDUE_PIECES.map((piece) => ({ ...piece })) },
      series: [{ type: 'map', map: 'overdue-colours-test', nameProperty: 'adcode', data: values.map((value, i) => ({ name: String(i), value })) }],
    })
    // the model is ECharts' internal API: what it applied, not what was asked for
    const data = (chart as unknown as InternalChart).getModel().getSeriesByIndex(0).getData()
    const fills = values.map((_, i) => (data.getItemVisual(i, 'style') as { fill?: string }).fill)
    const [green, yellow, orange, red] = OVERDUE_PIECES.map((p) => p.color)
    expect(fills).toEqual([green, yellow, yellow, orange, orange, red, red])
    chart.dispose()
  })
})
