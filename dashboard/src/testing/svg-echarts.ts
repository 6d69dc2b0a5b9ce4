/**
 * The screen's ECharts module for component tests: happy-dom has no 2D canvas, so charts draw
 * SVG, at a fixed size (happy-dom lays nothing out), and their labels can be read from the DOM.
 *   vi.mock('…/echarts', async (original) => (await import('…/testing/svg-echarts')).withSvgCharts(await original()))
 */
import { init, use } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import type * as Echarts from '../echarts'

use(SVGRenderer)

export function withSvgCharts(actual: typeof Echarts): typeof Echarts {
  return {
    ...actual,
    initChart: (el: HTMLElement) => init(el, undefined, { renderer: 'svg', locale: 'ZH', width: 800, height: 400 }),
  }
}
