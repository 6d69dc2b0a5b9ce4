import { PageArgs, type Page } from '@bizenv/common/connection';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { EnterpriseServiceContext } from '../context.js';
import { Region } from '../region/region.js';
import {
  AmbassadorCoverage,
  EnterpriseCoverageGapConnection,
  ProjectCoverageGapConnection,
  type EnterpriseCoverageGap,
  type ProjectCoverageGap,
} from './coverage.js';

@Resolver(() => AmbassadorCoverage)
export class CoverageResolver {
  @Query(() => AmbassadorCoverage, { description: '服务大使覆盖情况与缺口；区域不给则为本账号的范围' })
  ambassadorCoverage(@Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null, @Ctx() ctx: EnterpriseServiceContext): Promise<AmbassadorCoverage> {
    return ctx.coverage.coverage(ctx.caller, regionCode);
  }

  @FieldResolver(() => Region)
  region(@Root() coverage: AmbassadorCoverage): Region {
    return { code: coverage.regionCode };
  }

  @FieldResolver(() => EnterpriseCoverageGapConnection, { description: '缺少服务大使的重点企业，按统一社会信用代码排序' })
  enterpriseGaps(@Root() coverage: AmbassadorCoverage, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: EnterpriseServiceContext): Promise<Page<EnterpriseCoverageGap>> {
    return ctx.coverage.enterpriseGaps(coverage, page);
  }

  @FieldResolver(() => ProjectCoverageGapConnection, { description: '缺少服务大使的重点项目，按登记时间由新到旧' })
  projectGaps(@Root() coverage: AmbassadorCoverage, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: EnterpriseServiceContext): Promise<Page<ProjectCoverageGap>> {
    return ctx.coverage.projectGaps(coverage, page);
  }
}
