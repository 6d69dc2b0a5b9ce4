import { readonly, ref, shallowRef } from 'vue'
import { addressWithRegion, readRegionCode } from './region-code'
import { moveTrail, type RegionCrumb, type RegionWithAncestors, trailOfRegion } from './region-trail'

function createSelectedRegion() {
  const code = ref(readRegionCode())
  const trail = shallowRef<RegionCrumb[]>([{ code: code.value, name: '' }])

  /** Shows `target`: a child to drill into, or a region on the trail to go back to. */
  function select(target: RegionCrumb): void {
    if (target.code === code.value) return
    trail.value = moveTrail(trail.value, target)
    code.value = target.code
    // replace, not push: a wall screen has no back button, and a reload shows the same region
    window.history.replaceState(window.history.state, '', addressWithRegion(window.location.href, target.code))
  }

  /** Names and ancestors from the server, once the selected region's data has arrived. */
  function learn(region: RegionWithAncestors): void {
    if (region.code === code.value) trail.value = trailOfRegion(trail.value, region)
  }

  return { code: readonly(code), trail: readonly(trail), select, learn }
}

let selected: ReturnType<typeof createSelectedRegion> | undefined

/**
 * The region the screen shows, in one place for the whole page: read from `?region=` (default
 * the demo city) on first use, written back to the address on every change, with the breadcrumb
 * trail that led to it.
 */
export function useSelectedRegion() {
  selected ??= createSelectedRegion()
  return selected
}
