import type { EnterpriseServiceContext } from '../context.js';
import type { Enterprise } from './enterprise.entity.js';

/** Another subgraph naming an enterprise (by id, or by credit code) gets it only if the caller may read it here. */
export function resolveEnterpriseReference(reference: Pick<Enterprise, 'id'> | Pick<Enterprise, 'creditCode'>, ctx: EnterpriseServiceContext): Promise<Enterprise> {
  return 'id' in reference ? ctx.enterprises.get(ctx.caller, reference.id) : ctx.enterprises.getByCreditCode(ctx.caller, reference.creditCode);
}
