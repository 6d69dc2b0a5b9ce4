import { requireCaller } from '@bizenv/common/auth';
import { requireRegionCode } from '@bizenv/common/validate';
import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { Unit } from '../unit/unit.js';
import type { LedgerContext } from './ledger.resolver.js';
import { ProblemStats } from './problem-stats.js';

@Resolver(() => Unit)
export class UnitProblemsResolver {
  @FieldResolver(() => ProblemStats, { nullable: true, description: '本单位负责整改的问题统计（限所给区域及其下级，默认本账号的范围）' })
  problemStats(
    @Root() unit: Unit,
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Ctx() ctx: LedgerContext,
  ): Promise<ProblemStats> {
    const region = regionCode == null ? requireCaller(ctx.caller).regionCode : requireRegionCode(regionCode, 'regionCode');
    return ctx.ledger.stats(ctx.caller, region, unit.id);
  }
}
