import type { ECElementEvent } from 'echarts/core'
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'
import { type Chart, type ChartOption, FONT_FAMILY, initChart } from './echarts'

const DESIGN_WIDTH = 1920
const DESIGN_HEIGHT = 1080

/** Viewport size relative to the 1920×1080 design, same rule as the root font size. */
function viewportScale(): number {
  return Math.min(window.innerWidth / DESIGN_WIDTH, window.innerHeight / DESIGN_HEIGHT)
}

/**
 * One ECharts instance on `el`: created on mount, resized when the element changes size,
 * disposed on unmount. `scale` follows the viewport so that panels can size chart fonts in
 * design pixels (ECharts sizes are absolute pixels, unlike the page's rem units).
 */
export function useEcharts(el: Readonly<Ref<HTMLElement | null>>) {
  const scale = ref(viewportScale())
  let chart: Chart | undefined
  let observer: ResizeObserver | undefined
  let frame = 0
  // an option set before mount is kept and applied once the chart exists
  let pending: ChartOption | undefined
  // click handlers are bound when the chart exists and go with it on dispose
  const clickHandlers: ((event: ECElementEvent) => void)[] = []

  let latest = 0

  /**
   * Canvas text does not ask for the bundled font's subsets, and ECharts caches the widths it
   * measures: so the glyphs an option needs are loaded first, and only then is it drawn.
   */
  function setOption(option: ChartOption): void {
    const sequence = ++latest
    const draw = () => {
      if (sequence !== latest) return
      if (chart) chart.setOption(option)
      else pending = option
    }
    document.fonts.load(`16px ${FONT_FAMILY}`, JSON.stringify(option)).then(draw, draw)
  }

  /** Calls `handler` for clicks on the chart's elements (e.g. a map's areas). */
  function onClick(handler: (event: ECElementEvent) => void): void {
    clickHandlers.push(handler)
    chart?.on('click', handler)
  }

  function resize(): void {
    // at most once per animation frame; a resize storm should not re-layout for each event
    if (frame) return
    frame = requestAnimationFrame(() => {
      frame = 0
      scale.value = viewportScale()
      chart?.resize()
    })
  }

  onMounted(() => {
    if (!el.value) return
    chart = initChart(el.value)
    for (const handler of clickHandlers) chart.on('click', handler)
    if (pending) {
      chart.setOption(pending)
      pending = undefined
    }
    observer = new ResizeObserver(resize)
    observer.observe(el.value)
  })

  onBeforeUnmount(() => {
    observer?.disconnect()
    observer = undefined
    cancelAnimationFrame(frame)
    frame = 0
    chart?.dispose()
    chart = undefined
    pending = undefined
    clickHandlers.length = 0
  })

  return { setOption, onClick, scale }
}
