import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ComplaintStats } from '../complaint/complaint-stats.js';
import type { ComplaintContext } from '../complaint/complaint.resolver.js';
import { Region } from './region.js';

@Resolver(() => Region)
export class RegionComplaintsResolver {
  @FieldResolver(() => ComplaintStats, { nullable: true, description: '本区域及全部下级的投诉统计' })
  complaintStats(@Root() region: Region, @Ctx() ctx: ComplaintContext): Promise<ComplaintStats> {
    return ctx.complaints.stats(ctx.caller, region.code);
  }
}
