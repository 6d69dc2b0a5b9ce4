/** One step of the breadcrumb. */
export interface RegionCrumb {
  code: string
  /** Empty until the server has told the name. */
  name: string
}

/** A region with as many ancestors as the query asked for. */
export interface RegionWithAncestors {
  code: string
  name: string
  /** null: no parent the viewer may see (the top of their scope); undefined: not asked for. */
  parent?: RegionWithAncestors | null
}

/** The trail after choosing `target`: back to it when it is on the trail, else one level down. */
export function moveTrail(trail: readonly RegionCrumb[], target: RegionCrumb): RegionCrumb[] {
  const at = trail.findIndex((crumb) => crumb.code === target.code)
  return at >= 0 ? trail.slice(0, at + 1) : [...trail, target]
}

/**
 * The trail as the server tells it: the region and its ancestors up to the top of the viewer's
 * scope. Where the server's chain stops short (the query asks for two ancestors), the part of
 * the old trail above it is kept.
 */
export function trailOfRegion(trail: readonly RegionCrumb[], region: RegionWithAncestors): RegionCrumb[] {
  const chain: RegionCrumb[] = []
  let top: RegionWithAncestors = region
  for (let r: RegionWithAncestors | null | undefined = region; r; r = r.parent) {
    chain.unshift({ code: r.code, name: r.name })
    top = r
  }
  if (top.parent === null) return chain
  const at = trail.findIndex((crumb) => crumb.code === chain[0].code)
  return at > 0 ? [...trail.slice(0, at), ...chain] : chain
}
