// Wall screens may run on machines set to UTC; the command centre works in Beijing time.
const DATE = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'long',
})

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

/** e.g. { date: '2026/09/30星期三', time: '14:05:09' } in Asia/Shanghai. */
export function formatClock(epochMs: number): { date: string; time: string } {
  const at = new Date(epochMs)
  return { date: DATE.format(at), time: TIME.format(at) }
}

/** HH:mm:ss in Asia/Shanghai of an ISO time from the server; '--:--:--' when it is not one. */
export function formatEventTime(iso: string): string {
  const at = Date.parse(iso)
  return Number.isNaN(at) ? '--:--:--' : TIME.format(at)
}

const SHORT_DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

const HOUR_MINUTE = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** e.g. '2026/09/30 14:05' in Asia/Shanghai of an ISO time; '—' when it is not one. */
export function formatDateTime(iso: string): string {
  const at = Date.parse(iso)
  return Number.isNaN(at) ? '—' : SHORT_DATE_TIME.format(at)
}

/** e.g. '12:03' in Asia/Shanghai. */
export function formatHourMinute(epochMs: number): string {
  return HOUR_MINUTE.format(epochMs)
}
