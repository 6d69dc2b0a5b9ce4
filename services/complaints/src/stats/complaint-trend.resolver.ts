import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Region } from '../region/region.js';
import { ComplaintTrendDay } from './complaint-trend.js';
import { MAX_TREND_DAYS, type ComplaintTrendService } from './complaint-trend.service.js';

export interface TrendContext extends SubgraphContext {
  complaintTrend: ComplaintTrendService;
}

@Resolver(() => Region)
export class RegionComplaintTrendResolver {
  @FieldResolver(() => [ComplaintTrendDay], {
    nullable: true,
    description: '本区域及全部下级近若干天（北京时间，含今天）每天的投诉受理与办结件数，逐日列出（无则为0），由旧到新；需统计权限',
  })
  complaintTrend(
    @Root() region: Region,
    @Arg('days', () => Int, { defaultValue: 30, description: `天数，1–${MAX_TREND_DAYS}` }) days: number,
    @Ctx() ctx: TrendContext,
  ): Promise<ComplaintTrendDay[]> {
    return ctx.complaintTrend.trend(ctx.caller, region.code, days);
  }
}
