import type { Group } from './group.entity.js';
import type { GroupContext } from './group.resolver.js';

export function resolveGroupReference(reference: Pick<Group, 'id'>, ctx: GroupContext): Promise<Group> {
  return ctx.groups.get(ctx.caller, reference.id);
}
