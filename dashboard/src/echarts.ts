import { BarChart, type BarSeriesOption, MapChart, type MapSeriesOption } from 'echarts/charts'
import {
  AriaComponent,
  type AriaComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  type VisualMapComponentOption,
  VisualMapPiecewiseComponent,
} from 'echarts/components'
import { type ComposeOption, type EChartsType, init, registerMap, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

// Only what the screen draws; everything else stays out of the bundle.
use([
  BarChart,
  MapChart,
  GridComponent,
  LegendComponent,
  VisualMapPiecewiseComponent,
  AriaComponent,
  CanvasRenderer,
])

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | MapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
  | AriaComponentOption
>

export type Chart = EChartsType

export function initChart(el: HTMLElement): Chart {
  // ZH locale: aria descriptions and built-in texts in Chinese
  return init(el, undefined, { renderer: 'canvas', locale: 'ZH' })
}

/** Makes a GeoJSON FeatureCollection drawable as `series.map: name`. */
export function registerGeoJson(name: string, geoJson: object): void {
  registerMap(name, geoJson as Parameters<typeof registerMap>[1])
}

/** The page's font stack (see app.vue); Noto Sans SC is bundled for walls without a CJK font. */
export const FONT_FAMILY = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
