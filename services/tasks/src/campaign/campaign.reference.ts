import type { TaskContext } from '../task/task.resolver.js';
import type { Campaign } from './campaign.entity.js';

/** Another subgraph naming a campaign gets it only if the caller may read it here. */
export function resolveCampaignReference(reference: Pick<Campaign, 'id'>, ctx: TaskContext): Promise<Campaign> {
  return ctx.campaigns.get(ctx.caller, reference.id);
}
