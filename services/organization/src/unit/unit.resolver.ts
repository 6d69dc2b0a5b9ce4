import { requireCaller } from '@bizenv/common/auth';
import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../region/region.entity.js';
import type { RegionService } from '../region/region.service.js';
import { Unit } from './unit.entity.js';
import type { UnitService } from './unit.service.js';

export interface UnitContext extends SubgraphContext {
  units: UnitService;
  regions: RegionService;
}

@Resolver(() => Unit)
export class UnitResolver {
  @Query(() => Unit, { nullable: true })
  unit(@Arg('id', () => ID) id: string, @Ctx() ctx: UnitContext): Promise<Unit> {
    return ctx.units.get(ctx.caller, id);
  }

  @Query(() => [Unit], { description: '区域（含下级）内的单位；不给 regionCode 时为本账号可见范围' })
  units(@Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null, @Ctx() ctx: UnitContext): Promise<Unit[]> {
    return ctx.units.list(ctx.caller, regionCode ?? requireCaller(ctx.caller).regionCode);
  }

  @FieldResolver(() => Region)
  region(@Root() unit: Unit, @Ctx() ctx: UnitContext): Promise<Region> {
    return ctx.regions.get(ctx.caller, unit.regionCode);
  }
}
