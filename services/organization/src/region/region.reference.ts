import type { Region } from './region.entity.js';
import type { RegionContext } from './region.resolver.js';

export async function resolveRegionReference(reference: Pick<Region, 'code'>, ctx: RegionContext): Promise<Region> {
  return ctx.regions.get(ctx.caller, reference.code);
}
