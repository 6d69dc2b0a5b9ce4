import type { Region } from './region.js';

/** Nothing to load: statistics are computed per field, with the caller's scope checked there. */
export function resolveRegionReference(reference: Pick<Region, 'code'>): Region {
  return { code: reference.code };
}
