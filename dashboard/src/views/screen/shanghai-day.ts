/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/** The Asia/Shanghai calendar day of `at` as a day number (days since 1970-01-01 there). */
export function shanghaiDay(at: number): number {
  return Math.floor((at + SHANGHAI_OFFSET_MS) / DAY_MS)
}

/** 00:00 Asia/Shanghai of the day `at` falls in. */
export function startOfShanghaiDay(at: number): number {
  return shanghaiDay(at) * DAY_MS - SHANGHAI_OFFSET_MS
}

/**
 * Days from today (Asia/Shanghai, at `now`) to the date `ymd` (YYYY-MM-DD), both included: 1 on
 * the day itself, 0 once it has passed. null for a malformed date.
 */
export function daysLeftUntil(ymd: string, now: number): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd)
  if (!match) return null
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS
  return Math.max(0, day - shanghaiDay(now) + 1)
}
