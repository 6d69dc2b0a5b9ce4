import type { Unit } from './unit.js';

/** Nothing to load: the statistics check the caller's scope themselves. */
export function resolveUnitReference(reference: Pick<Unit, 'id'>): Unit {
  return { id: reference.id };
}
