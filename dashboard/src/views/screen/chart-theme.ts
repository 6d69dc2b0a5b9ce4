/** Colours of the command-centre theme, shared by CSS-free chart options. */
export const COLORS = {
  text: '#e3eeff',
  muted: '#8fa6c8',
  axis: 'rgba(120, 170, 255, 0.35)',
  split: 'rgba(120, 170, 255, 0.12)',
  accent: '#38c8ff',
  warning: '#ffb020',
  danger: '#ff4d4f',
  complaint: '#ff5a5f',
  task: '#ffb020',
  demand: '#38c8ff',
} as const


/** Design pixels (1920×1080) to device pixels for ECharts, which has no rem. */
export function px(designPx: number, scale: number): number {
  return Math.max(1, Math.round(designPx * scale))
}
