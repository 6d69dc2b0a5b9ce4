import { Ctx, Float, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { EnterpriseServiceContext } from '../context.js';
import { ServiceStats, UnitServiceStats } from './service-stats.js';

const SATISFACTION = '满意率：企业回访评价中“满意”“基本满意”所占比例（办结时评价；重办计为不满意）；尚无评价为空';

/** The enterprises' ratings of demands (好差评), counted only when asked for. */
@Resolver(() => ServiceStats)
export class ServiceStatsRatingsResolver {
  @FieldResolver(() => Float, { nullable: true, description: SATISFACTION })
  async satisfaction(@Root() stats: ServiceStats, @Ctx() ctx: EnterpriseServiceContext): Promise<number | null> {
    return (await ctx.serviceStats.ratings(stats)).satisfaction;
  }

  @FieldResolver(() => Int, { description: '企业回访评价次数（办结、重办各计一次）' })
  async demandRatings(@Root() stats: ServiceStats, @Ctx() ctx: EnterpriseServiceContext): Promise<number> {
    return (await ctx.serviceStats.ratings(stats)).rated;
  }

  @FieldResolver(() => Int, { description: '其中满意、基本满意的次数' })
  async satisfiedDemandRatings(@Root() stats: ServiceStats, @Ctx() ctx: EnterpriseServiceContext): Promise<number> {
    return (await ctx.serviceStats.ratings(stats)).satisfied;
  }
}

@Resolver(() => UnitServiceStats)
export class UnitServiceStatsRatingsResolver {
  @FieldResolver(() => Float, { nullable: true, description: `${SATISFACTION}（本单位承办的诉求）` })
  async satisfaction(@Root() stats: UnitServiceStats, @Ctx() ctx: EnterpriseServiceContext): Promise<number | null> {
    return (await ctx.serviceStats.ratings(stats)).satisfaction;
  }

  @FieldResolver(() => Int, { description: '企业回访评价次数（办结、重办各计一次）' })
  async demandRatings(@Root() stats: UnitServiceStats, @Ctx() ctx: EnterpriseServiceContext): Promise<number> {
    return (await ctx.serviceStats.ratings(stats)).rated;
  }
}
