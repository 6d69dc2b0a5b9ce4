import { isWithinRegion } from './region-code'
import type { RegionCrumb } from './region-trail'

/**
 * The name to show for `code`, from the regions the screen already knows (the breadcrumb and
 * the shown region's children): its own name, else the name of the known region it lies in
 * (a town's event on the city view reads as its district), else the code itself.
 */
export function regionLabel(code: string, known: readonly RegionCrumb[]): string {
  let best: RegionCrumb | undefined
  for (const region of known) {
    if (!region.name) continue
    if (region.code === code) return region.name
    // of two known ancestors (city, district), the one inside the other is nearer
    if (isWithinRegion(code, region.code) && (!best || isWithinRegion(region.code, best.code))) best = region
  }
  return best?.name ?? code
}
