import type { EnterpriseServiceContext } from '../context.js';
import type { Enterprise } from './enterprise.entity.js';

/** Another subgraph naming an enterprise gets it only if the caller may read it here. */
export function resolveEnterpriseReference(reference: Pick<Enterprise, 'id'>, ctx: EnterpriseServiceContext): Promise<Enterprise> {
  return ctx.enterprises.get(ctx.caller, reference.id);
}
