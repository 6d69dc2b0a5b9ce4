import { PageArgs, type Page } from '@bizenv/common/connection';
import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../region/region.entity.js';
import type { RegionService } from '../region/region.service.js';
import { UnitConnection } from './unit-connection.js';
import { UnitNameMatch } from './unit-name-match.js';
import { CreateUnitInput, UnitFilter, UpdateUnitInput } from './unit-inputs.js';
import { Unit } from './unit.entity.js';
import type { UnitService } from './unit.service.js';

export interface UnitContext extends SubgraphContext {
  units: UnitService;
  regions: RegionService;
}

@Resolver(() => Unit)
export class UnitResolver {
  @Query(() => Unit, { nullable: true, description: '按编号查询单位（单位名称公开，登录即可查看）' })
  unit(@Arg('id', () => ID) id: string, @Ctx() ctx: UnitContext): Promise<Unit> {
    return ctx.units.get(ctx.caller, id);
  }

  @Query(() => UnitConnection, { description: '本账号可见范围内（含下级区划）的单位，按区划代码、名称排序，分页' })
  units(
    @Arg('filter', () => UnitFilter, { nullable: true }) filter: UnitFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: UnitContext,
  ): Promise<Page<Unit>> {
    return ctx.units.list(ctx.caller, filter, page);
  }

  @Query(() => [UnitNameMatch], {
    description: '按名称确定单位（导入表格用）：忽略空格和全半角；同名单位有多个时取事项所属区域或其最近上级区域中的那个，仍无法确定则为空。登录即可查询，一次至多2000个名称',
  })
  unitNameMatches(
    @Arg('names', () => [String]) names: string[],
    @Arg('regionCode', () => ID, { description: '事项（如任务）所属区域' }) regionCode: string,
    @Ctx() ctx: UnitContext,
  ): Promise<UnitNameMatch[]> {
    return ctx.units.matchNames(ctx.caller, names, regionCode);
  }

  @FieldResolver(() => Region, { nullable: true, description: '所属行政区划；在本账号可见范围之外时为 null' })
  region(@Root() unit: Unit, @Ctx() ctx: UnitContext): Promise<Region | null> {
    return ctx.regions.visible(ctx.caller, unit.regionCode);
  }

  @Mutation(() => Unit, { description: '新增单位（需组织管理权限，且所属区划在本账号范围内）' })
  createUnit(@Arg('input', () => CreateUnitInput) input: CreateUnitInput, @Ctx() ctx: UnitContext): Promise<Unit> {
    return ctx.units.create(ctx.caller, input);
  }

  @Mutation(() => Unit, { description: '修改单位，只改给出的字段' })
  updateUnit(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateUnitInput) input: UpdateUnitInput, @Ctx() ctx: UnitContext): Promise<Unit> {
    return ctx.units.update(ctx.caller, id, input);
  }
}
