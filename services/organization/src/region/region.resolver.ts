import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RegionService } from './region.service.js';
import { Region } from './region.entity.js';

export interface RegionContext extends SubgraphContext {
  regions: RegionService;
}

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { nullable: true, description: '按行政区划代码查询' })
  region(@Arg('code', () => ID) code: string, @Ctx() ctx: RegionContext): Promise<Region> {
    return ctx.regions.get(ctx.caller, code);
  }

  @Query(() => [Region], { description: '下级行政区划；不给 parentCode 时返回本账号可见的根区域' })
  regions(@Arg('parentCode', () => ID, { nullable: true }) parentCode: string | null, @Ctx() ctx: RegionContext): Promise<Region[]> {
    return ctx.regions.list(ctx.caller, parentCode);
  }

  @FieldResolver(() => Region, { nullable: true })
  parent(@Root() region: Region, @Ctx() ctx: RegionContext): Promise<Region | null> {
    return ctx.regions.parentOf(ctx.caller, region);
  }

  @FieldResolver(() => [Region])
  children(@Root() region: Region, @Ctx() ctx: RegionContext): Promise<Region[]> {
    return ctx.regions.list(ctx.caller, region.code);
  }
}
