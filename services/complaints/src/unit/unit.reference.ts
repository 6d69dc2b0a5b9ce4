import type { Unit } from './unit.js';

/** Nothing to load: statistics are computed per field, with the caller's scope checked there. */
export function resolveUnitReference(reference: Pick<Unit, 'id'>): Unit {
  return { id: reference.id };
}
