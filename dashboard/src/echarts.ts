import { BarChart, type BarSeriesOption } from 'echarts/charts'
import {
  AriaComponent,
  type AriaComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
} from 'echarts/components'
import { type ComposeOption, type EChartsType, init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

// Only what the screen draws; everything else stays out of the bundle.
use([BarChart, GridComponent, LegendComponent, AriaComponent, CanvasRenderer])

export type ChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | AriaComponentOption
>

export type Chart = EChartsType

export function initChart(el: HTMLElement): Chart {
  // ZH locale: aria descriptions and built-in texts in Chinese
  return init(el, undefined, { renderer: 'canvas', locale: 'ZH' })
}

/** The page's font stack (see app.vue); Noto Sans SC is bundled for walls without a CJK font. */
export const FONT_FAMILY = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
