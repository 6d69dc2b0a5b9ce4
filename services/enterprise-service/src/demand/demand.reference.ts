import type { EnterpriseServiceContext } from '../context.js';
import type { Demand } from './demand.entity.js';

/** Another subgraph naming a demand gets it only if the caller may read it here. */
export function resolveDemandReference(reference: Pick<Demand, 'id'>, ctx: EnterpriseServiceContext): Promise<Demand> {
  return ctx.demands.get(ctx.caller, reference.id);
}
