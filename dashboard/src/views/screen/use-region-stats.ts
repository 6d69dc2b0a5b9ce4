import { type Ref, shallowRef } from 'vue'
import { type RegionStats, subscribeRegion } from '../../api/region'
import { useLiveSubscription } from './use-live-subscription'

/**
 * Live stats of the region `code` holds, following it, kept open and resubscribed by
 * useLiveSubscription. A new region's numbers replace the old ones only when they arrive; until
 * then there are none (the previous region's numbers must not stand under the new name).
 */
export function useRegionStats(code: Readonly<Ref<string>>) {
  const stats = shallowRef<RegionStats | null>(null)
  const { errorMessage } = useLiveSubscription(
    code,
    (region, sink) =>
      subscribeRegion(
        region,
        (frame) => {
          stats.value = frame.stats
          sink.received(frame.errorMessages.join('；'))
        },
        sink.ended,
      ),
    () => {
      stats.value = null
    },
  )
  return { stats, errorMessage }
}
