import type { EnterpriseServiceContext } from '../context.js';
import type { Project } from './project.entity.js';

/** Another subgraph naming a project gets it only if the caller may read it here. */
export function resolveProjectReference(reference: Pick<Project, 'id'>, ctx: EnterpriseServiceContext): Promise<Project> {
  return ctx.projects.get(ctx.caller, reference.id);
}
