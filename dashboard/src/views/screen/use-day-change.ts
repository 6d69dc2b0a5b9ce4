import { computed, type Ref, watch } from 'vue'
import { type Change, type Counts, createDayChange } from './day-change'

/**
 * Today's change of each of `counts` (the shown region's headline numbers), following
 * day-change.ts: `live` says whether the numbers on the wall are current (connected, in sync,
 * no error), `now` is the clock that rolls the day over at midnight.
 */
export function useDayChange(region: Readonly<Ref<string>>, counts: Readonly<Ref<Counts | null>>, live: Readonly<Ref<boolean>>, now: Readonly<Ref<number>>) {
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
    return Object.fromEntries(Object.keys(current).map((key) => [key, day.change(region.value, key, current[key])]))
  })
  return changes
}
