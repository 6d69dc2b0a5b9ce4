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
 * re-created when the device pixel ratio changes, disposed on unmount. `scale` follows the
 * viewport so that panels can size chart fonts in design pixels (ECharts sizes are absolute
 * pixels, unlike the page's rem units).
 *
 * No CSS zoom or transform anywhere: a canvas scaled by CSS is blurry and its pointer
 * coordinates are off. ECharts fixes a canvas's pixel ratio when it is created, so a window
 * moved to a screen with another ratio (or a wall PC's scaling changed) gets a new chart.
 */
export function useEcharts(el: Readonly<Ref<HTMLElement | null>>) {
  const scale = ref(viewportScale())
  let chart: Chart | undefined
  let observer: ResizeObserver | undefined
  let frame = 0
  // the last option drawn, or to draw once the chart exists; a re-created chart starts from it
  let drawn: ChartOption | undefined
  let pixelRatio: MediaQueryList | undefined
  // handlers are bound when the chart exists (again after a re-creation) and go with it on dispose
  const clickHandlers: ((event: ECElementEvent) => void)[] = []
  const drawnHandlers: ((chart: Chart) => void)[] = []

  let latest = 0

  /**
   * Canvas text does not ask for the bundled font's subsets, and ECharts caches the widths it
   * measures: so the glyphs an option needs are loaded first, and only then is it drawn.
   */
  function setOption(option: ChartOption): void {
    const sequence = ++latest
    const draw = () => {
      if (sequence !== latest) return
      drawn = option
      chart?.setOption(option)
    }
    document.fonts.load(`16px ${FONT_FAMILY}`, JSON.stringify(option)).then(draw, draw)
  }

  /** Calls `handler` for clicks on the chart's elements (e.g. a map's areas). */
  function onClick(handler: (event: ECElementEvent) => void): void {
    clickHandlers.push(handler)
    chart?.on('click', handler)
  }

  /**
   * Calls `handler` with the chart each time it has finished drawing (after animations), e.g. to
   * read where something ended up on screen.
   */
  function onDrawn(handler: (chart: Chart) => void): void {
    drawnHandlers.push(handler)
    if (chart) bindDrawn(chart, handler)
  }

  function bindDrawn(target: Chart, handler: (chart: Chart) => void): void {
    target.on('finished', () => handler(target))
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

  function create(target: HTMLElement): void {
    chart = initChart(target)
    for (const handler of clickHandlers) chart.on('click', handler)
    for (const handler of drawnHandlers) bindDrawn(chart, handler)
    if (drawn) chart.setOption(drawn)
  }

  /** Fires once when the pixel ratio leaves its current value; then watches the new one. */
  function watchPixelRatio(): void {
    pixelRatio?.removeEventListener('change', pixelRatioChanged)
    pixelRatio = window.matchMedia?.(`(resolution: ${window.devicePixelRatio}dppx)`)
    pixelRatio?.addEventListener('change', pixelRatioChanged)
  }

  function pixelRatioChanged(): void {
    watchPixelRatio()
    if (!chart || !el.value) return
    chart.dispose()
    create(el.value)
    scale.value = viewportScale()
  }

  onMounted(() => {
    if (!el.value) return
    create(el.value)
    observer = new ResizeObserver(resize)
    observer.observe(el.value)
    watchPixelRatio()
  })

  onBeforeUnmount(() => {
    observer?.disconnect()
    observer = undefined
    pixelRatio?.removeEventListener('change', pixelRatioChanged)
    pixelRatio = undefined
    cancelAnimationFrame(frame)
    frame = 0
    chart?.dispose()
    chart = undefined
    drawn = undefined
    clickHandlers.length = 0
    drawnHandlers.length = 0
  })

  return { setOption, onClick, onDrawn, scale }
}
