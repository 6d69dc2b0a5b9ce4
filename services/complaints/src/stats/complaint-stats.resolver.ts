import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { ComplaintStats } from '../complaint/complaint-stats.js';
import type { ComplaintContext } from '../complaint/complaint.resolver.js';
import { Region } from '../region/region.js';
import { Unit } from '../unit/unit.js';
import { MIN_RANKED_VOLUME, PRIOR_WEIGHT, type RankedUnit } from './complaint-ranking.js';
import type { ComplaintStatsService, ScopedStats } from './complaint-stats.service.js';
import { CategoryCount, ComplaintRates, RankingOrder, UnitComplaintRank } from './stats-types.js';

export interface StatsContext extends ComplaintContext {
  complaintStats: ComplaintStatsService;
}

@Resolver(() => ComplaintStats)
export class ComplaintStatsFieldsResolver {
  @FieldResolver(() => [CategoryCount], { description: '各投诉类别的受理数（含全部类别，无则为0）' })
  byCategory(@Root() stats: ScopedStats, @Ctx() ctx: StatsContext): Promise<CategoryCount[]> {
    return ctx.complaintStats.byCategory(stats);
  }

  @FieldResolver(() => Int, { description: '已合并的重复件（不计入受理数及其他任何数字）' })
  merged(@Root() stats: ScopedStats, @Ctx() ctx: StatsContext): Promise<number> {
    return ctx.complaintStats.merged(stats);
  }

  @FieldResolver(() => ComplaintRates, { description: '答复及时率、办结率、满意率、按期办结率' })
  rates(@Root() stats: ScopedStats, @Ctx() ctx: StatsContext): Promise<ComplaintRates> {
    return ctx.complaintStats.rates(stats);
  }
}

@Resolver(() => Unit)
export class UnitComplaintStatsResolver {
  @FieldResolver(() => ComplaintStats, { nullable: true, description: '本单位作为牵头单位承办的投诉统计，只计所给区域（默认本账号范围）内的投诉' })
  complaintStats(
    @Root() unit: Unit,
    @Arg('regionCode', () => ID, { nullable: true, description: '行政区划代码（含全部下级）；须在本账号范围内' }) regionCode: string | null,
    @Ctx() ctx: StatsContext,
  ): Promise<ScopedStats> {
    return ctx.complaintStats.unitStats(ctx.caller, unit.id, regionCode);
  }
}

const RANKING_DOC = [
  '承办单位投诉办理排名（需统计权限，区域须在本账号范围内）：只计事发地在该区域（含全部下级）的投诉，按牵头单位汇总。',
  `排名依据为按办理量平滑的超期率 (超期件数 + ${PRIOR_WEIGHT}·p) ÷ (办理件数 + ${PRIOR_WEIGHT})，p 为本区域全部承办单位的超期率（超期件数之和 ÷ 办理件数之和）；`,
  '超期件数 = 超期未办结 + 超期办结，办理件数 = 作为牵头单位承办的投诉数（不含已合并的重复件）。',
  `这样办理量大的单位不因件数多而吃亏，件数很少的单位也不会因一两件偶然排在首尾；办理件数少于 ${MIN_RANKED_VOLUME} 件的单位不参加排名（rank 为 null），列在最后。`,
].join('');

@Resolver(() => UnitComplaintRank)
export class UnitComplaintRankingResolver {
  @Query(() => [UnitComplaintRank], { description: RANKING_DOC })
  unitComplaintRanking(
    @Arg('regionCode', () => ID) regionCode: string,
    @Arg('first', () => Int, { defaultValue: 10, description: '返回前多少个单位，1–100' }) first: number,
    @Arg('order', () => RankingOrder, { defaultValue: RankingOrder.BEST_FIRST }) order: RankingOrder,
    @Ctx() ctx: StatsContext,
  ): Promise<RankedUnit[]> {
    return ctx.complaintStats.ranking(ctx.caller, regionCode, first, order);
  }

  @FieldResolver(() => Unit)
  unit(@Root() row: RankedUnit): Unit {
    return { id: row.unitId };
  }
}

@Resolver(() => Region)
export class RegionUnitRankingResolver {
  @FieldResolver(() => [UnitComplaintRank], { nullable: true, description: '本区域的承办单位投诉办理排名（同 Query.unitComplaintRanking，可放在 regionStats 订阅中实时更新）' })
  unitComplaintRanking(
    @Root() region: Region,
    @Arg('first', () => Int, { defaultValue: 10, description: '返回前多少个单位，1–100' }) first: number,
    @Arg('order', () => RankingOrder, { defaultValue: RankingOrder.BEST_FIRST }) order: RankingOrder,
    @Ctx() ctx: StatsContext,
  ): Promise<RankedUnit[]> {
    return ctx.complaintStats.ranking(ctx.caller, region.code, first, order);
  }
}
