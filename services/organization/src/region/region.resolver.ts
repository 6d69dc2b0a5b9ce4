import { PageArgs, type Page } from '@bizenv/common/connection';
import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RegionConnection } from './region-connection.js';
import { CreateRegionInput, RegionFilter, UpdateRegionInput } from './region-inputs.js';
import { Region } from './region.entity.js';
import { MAX_IMPORT, type RegionService } from './region.service.js';

export interface RegionContext extends SubgraphContext {
  regions: RegionService;
}

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { nullable: true, description: '按行政区划代码查询' })
  region(@Arg('code', () => ID) code: string, @Ctx() ctx: RegionContext): Promise<Region> {
    return ctx.regions.get(ctx.caller, code);
  }

  @Query(() => RegionConnection, { description: '本账号可见范围内的行政区划，按代码排序，分页' })
  regions(
    @Arg('filter', () => RegionFilter, { nullable: true }) filter: RegionFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RegionContext,
  ): Promise<Page<Region>> {
    return ctx.regions.list(ctx.caller, filter, page);
  }

  @FieldResolver(() => Region, { nullable: true, description: '上级区划；在本账号可见范围之外时为 null' })
  parent(@Root() region: Region, @Ctx() ctx: RegionContext): Promise<Region | null> {
    return ctx.regions.visible(ctx.caller, region.parentCode);
  }

  @FieldResolver(() => [Region], { description: '直接下级区划，按代码排序' })
  children(@Root() region: Region, @Ctx() ctx: RegionContext): Promise<Region[]> {
    return ctx.regions.children(ctx.caller, region);
  }

  @Mutation(() => Region, { description: '新增行政区划（需组织管理权限，且在本账号范围内）' })
  createRegion(@Arg('input', () => CreateRegionInput) input: CreateRegionInput, @Ctx() ctx: RegionContext): Promise<Region> {
    return ctx.regions.create(ctx.caller, input);
  }

  @Mutation(() => Region, { description: '修改行政区划名称' })
  updateRegion(
    @Arg('code', () => ID) code: string,
    @Arg('input', () => UpdateRegionInput) input: UpdateRegionInput,
    @Ctx() ctx: RegionContext,
  ): Promise<Region> {
    return ctx.regions.update(ctx.caller, code, input);
  }

  @Mutation(() => [Region], {
    description: `批量导入行政区划（如 GB/T 2260 摘录），一次最多${MAX_IMPORT}个，上级可在同批中；任何一条不合格则全部不导入`,
  })
  importRegions(@Arg('regions', () => [CreateRegionInput]) regions: CreateRegionInput[], @Ctx() ctx: RegionContext): Promise<Region[]> {
    return ctx.regions.importRegions(ctx.caller, regions);
  }
}
