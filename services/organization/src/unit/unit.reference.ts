import type { Unit } from './unit.entity.js';
import type { UnitContext } from './unit.resolver.js';

export function resolveUnitReference(reference: Pick<Unit, 'id'>, ctx: UnitContext): Promise<Unit> {
  return ctx.units.get(ctx.caller, reference.id);
}
