import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ComplaintStats } from '../complaint/complaint-stats.js';
import type { ComplaintContext } from '../complaint/complaint.resolver.js';
import type { ScopedStats } from '../stats/complaint-stats.service.js';
import { Region } from './region.js';

@Resolver(() => Region)
export class RegionComplaintsResolver {
  @FieldResolver(() => ComplaintStats, { nullable: true, description: '本区域及全部下级的投诉统计' })
  async complaintStats(@Root() region: Region, @Ctx() ctx: ComplaintContext): Promise<ScopedStats> {
    // The scope lets the fields computed on demand (byCategory, rates: stats/) count the same subtree.
    return { ...(await ctx.complaints.stats(ctx.caller, region.code)), scope: { regionCode: region.code } };
  }
}
