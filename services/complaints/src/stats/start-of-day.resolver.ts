import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Region } from '../region/region.js';
import { ComplaintsAtStartOfDay } from './start-of-day.js';
import type { StartOfDayService } from './start-of-day.service.js';

export interface StartOfDayContext extends SubgraphContext {
  complaintsAtStartOfDay: StartOfDayService;
}

@Resolver(() => Region)
export class RegionComplaintsAtStartOfDayResolver {
  @FieldResolver(() => ComplaintsAtStartOfDay, {
    nullable: true,
    description: '本区域及全部下级今日零时（北京时间）的在办、超期、临期投诉数，供“今日较零时”的变化使用；需统计权限',
  })
  complaintsAtStartOfDay(@Root() region: Region, @Ctx() ctx: StartOfDayContext): Promise<ComplaintsAtStartOfDay> {
    return ctx.complaintsAtStartOfDay.figures(ctx.caller, region.code);
  }
}
