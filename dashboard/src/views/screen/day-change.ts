import { shanghaiDay, startOfShanghaiDay } from './shanghai-day'

/** A region's counts by name; null where the server could not say (its subgraph is down). */
export type Counts = Readonly<Record<string, number | null>>

export interface Change {
  /** The count now minus the count at `since`. */
  delta: number
  since: number
  /** `since` is today's 00:00: the screen held live numbers at midnight. */
  fromStartOfDay: boolean
}

interface Baseline {
  value: number
  since: number
  fromStartOfDay: boolean
}

/**
 * The change of each count today, as honestly as a screen can tell without the server: from
 * the count held at 00:00 (Asia/Shanghai) when the screen was live at midnight, otherwise from
 * the first count it saw today, with that time (a screen opened at noon does not know the
 * morning). Kept per region for the day only, so a drill into a district and back keeps the
 * city's midnight figures.
 */
export function createDayChange() {
  let day = -Infinity
  const baselines = new Map<string, Map<string, Baseline>>()
  // the counts on the wall, and whether they have stayed live since they arrived
  let held: { region: string; counts: Counts; live: boolean } | null = null

  function rollOver(at: number): void {
    const today = shanghaiDay(at)
    // never back: a late clock tick must not undo a frame that already started the day
    if (today <= day) return
    day = today
    baselines.clear()
    if (!held?.live) return
    const since = startOfShanghaiDay(at)
    const base = new Map<string, Baseline>()
    for (const [key, value] of Object.entries(held.counts)) {
      if (value !== null) base.set(key, { value, since, fromStartOfDay: true })
    }
    baselines.set(held.region, base)
  }

  return {
    /** A frame of `region` arrived at `at`; `live`: nothing about it is known to be stale. */
    observe(region: string, counts: Counts, at: number, live: boolean): void {
      // the counts held until now were the ones at midnight, if it has just passed
      rollOver(at)
      let base = baselines.get(region)
      if (!base) baselines.set(region, (base = new Map()))
      for (const [key, value] of Object.entries(counts)) {
        if (value !== null && !base.has(key)) base.set(key, { value, since: at, fromStartOfDay: false })
      }
      held = { region, counts, live }
    },
    /** The counts on the wall are no longer live (disconnected, an error, another region chosen). */
    interrupt(): void {
      if (held) held.live = false
    },
    /** The clock moved on; call it every second so that a new day starts from midnight's counts. */
    tick(at: number): void {
      rollOver(at)
    },
    /** How `region`'s count `key`, now `value`, changed today; null when there is nothing to compare. */
    change(region: string, key: string, value: number | null): Change | null {
      const base = baselines.get(region)?.get(key)
      if (!base || value === null) return null
      return { delta: value - base.value, since: base.since, fromStartOfDay: base.fromStartOfDay }
    },
  }
}
