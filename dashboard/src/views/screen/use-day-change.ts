import { computed, type Ref, watch } from 'vue'
import { type Change, type Counts, createDayChange } from './day-change'
import { startOfShanghaiDay } from './shanghai-day'

/** A count at 00:00 (Beijing time) as the server recounted it; `at` in ms. */
export interface StartOfDayCount {
  at: number
  value: number
}

/**
 * Today's change of each of `counts` (the shown region's headline numbers): from the server's
 * count at 00:00 where `startOfDay` has one for today, else following day-change.ts: `live` says whether the numbers on the wall are current (connected, in sync,
 * no error), `now` is the clock that rolls the day over at midnight.
 */
export function useDayChange(
  region: Readonly<Ref<string>>,
  counts: Readonly<Ref<Counts | null>>,
  live: Readonly<Ref<boolean>>,
  now: Readonly<Ref<number>>,
  startOfDay: Readonly<Ref<Readonly<Record<string, StartOfDayCount>>>>,
) {
  const day = createDayChange()

  watch(counts, (value) => {
    if (value) day.observe(region.value, value, Date.now(), live.value)
    else day.interrupt()
  }, { immediate: true })
  watch(live, (value) => {
    if (!value) day.interrupt()
  })

  // before the render reads `changes` (watchers run first): a new day starts at midnight
  watch(now, (at) => day.tick(at), { immediate: true })

  /** Follows the clock (and so the day) and the counts. */
  const changes = computed<Record<string, Change | null>>(() => {
    void now.value
    const current = counts.value ?? {}
    const today = startOfShanghaiDay(now.value)
    return Object.fromEntries(
      Object.keys(current).map((key) => {
        const value = current[key]
        const base = startOfDay.value[key]
        // the server's count at 00:00 today, when it has one: true whenever the screen was opened
        if (base && base.at === today && value !== null) {
          return [key, { delta: value - base.value, since: base.at, fromStartOfDay: true }]
        }
        return [key, day.change(region.value, key, value)]
      }),
    )
  })
  return changes
}
