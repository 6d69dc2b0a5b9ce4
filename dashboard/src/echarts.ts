import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption, MapChart, type MapSeriesOption } from 'echarts/charts'
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
import { type ComposeOption, type EChartsType, init, registerMap, setPlatformAPI, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

// Only what the screen draws; everything else stays out of the bundle.
use([
  BarChart,
  LineChart,
  MapChart,
  GridComponent,
  LegendComponent,
  VisualMapPiecewiseComponent,
  AriaComponent,
  CanvasRenderer,
])

/** Text measurements on one canvas before it is replaced (see below). */
const MEASUREMENTS_PER_CANVAS = 1000

let measuring: CanvasRenderingContext2D | null = null
let measuringFont = ''
let measurements = 0

/**
 * zrender measures label widths on one hidden canvas for the page's life, and Chromium keeps
 * the shaped text of every string measured on a canvas that never paints (blink::PlainTextNode,
 * about 1.3 KB each, tens of thousands per font before it purges anything). Counts that change
 * all day are new strings all day: the screen grew by ~5 MB in a 5-minute soak
 * (test/bench/screen-soak.ts --snapshots). A fresh canvas now and then lets that cache go with
 * the old one; zrender still keeps its own width cache of recent strings.
 */
setPlatformAPI({
  measureText(text: string, font?: string) {
    if (!measuring || measurements >= MEASUREMENTS_PER_CANVAS) {
      measuring = document.createElement('canvas').getContext('2d')
      measuringFont = ''
      measurements = 0
    }
    const wanted = font || '12px sans-serif'
    // no 2D canvas at all: a rough width rather than none
    if (!measuring) return { width: text.length * (Number(/(\d+(?:\.\d+)?)px/.exec(wanted)?.[1]) || 12) }
    measurements++
    if (measuringFont !== wanted) measuringFont = measuring.font = wanted
    return measuring.measureText(text)
  },
})

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | MapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
  | AriaComponentOption
>

export type Chart = EChartsType

export function initChart(el: HTMLElement): Chart {
  // ZH locale: aria descriptions and built-in texts in Chinese. The pixel ratio is read now:
  // zrender's own default is the one the page had when the bundle loaded.
  return init(el, undefined, { renderer: 'canvas', locale: 'ZH', devicePixelRatio: window.devicePixelRatio || 1 })
}

/** Makes a GeoJSON FeatureCollection drawable as `series.map: name`. */
export function registerGeoJson(name: string, geoJson: object): void {
  registerMap(name, geoJson as Parameters<typeof registerMap>[1])
}

/** The page's font stack (see app.vue); Noto Sans SC is bundled for walls without a CJK font. */
export const FONT_FAMILY = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
