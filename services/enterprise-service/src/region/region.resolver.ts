import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { EnterpriseServiceContext } from '../context.js';
import { Region } from './region.js';
import { ServiceStats } from './service-stats.js';

@Resolver(() => Region)
export class RegionServiceResolver {
  @FieldResolver(() => ServiceStats, { nullable: true, description: '本区域及全部下级的企业服务统计' })
  serviceStats(@Root() region: Region, @Ctx() ctx: EnterpriseServiceContext): Promise<ServiceStats> {
    return ctx.serviceStats.stats(ctx.caller, region.code);
  }
}
