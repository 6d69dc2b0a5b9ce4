import type { Complaint } from './complaint.entity.js';
import type { ComplaintContext } from './complaint.resolver.js';

/** Another subgraph naming a complaint gets it only if the caller may read it here. */
export function resolveComplaintReference(reference: Pick<Complaint, 'id'>, ctx: ComplaintContext): Promise<Complaint> {
  return ctx.complaints.get(ctx.caller, reference.id);
}
