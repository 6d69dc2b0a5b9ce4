import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DemandsAtStartOfDay } from './demands-at-start-of-day.js';
import type { DemandsAtStartOfDayService } from './demands-at-start-of-day.service.js';
import { Region } from './region.js';

export interface DemandsAtStartOfDayContext extends SubgraphContext {
  demandsAtStartOfDay: DemandsAtStartOfDayService;
}

@Resolver(() => Region)
export class RegionDemandsAtStartOfDayResolver {
  @FieldResolver(() => DemandsAtStartOfDay, {
    nullable: true,
    description: '本区域及全部下级今日零时（北京时间）的在办、超期企业诉求数，供“今日较零时”的变化使用；需统计权限',
  })
  demandsAtStartOfDay(@Root() region: Region, @Ctx() ctx: DemandsAtStartOfDayContext): Promise<DemandsAtStartOfDay> {
    return ctx.demandsAtStartOfDay.figures(ctx.caller, region.code);
  }
}
