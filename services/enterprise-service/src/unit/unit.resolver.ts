import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { EnterpriseServiceContext } from '../context.js';
import { UnitServiceStats } from '../region/service-stats.js';
import { Unit } from './unit.js';

@Resolver(() => Unit)
export class UnitServiceResolver {
  @FieldResolver(() => UnitServiceStats, { nullable: true, description: '本单位承办的企业诉求统计（限于本账号的区域范围；单位承办人只能查看本单位）' })
  serviceStats(@Root() unit: Unit, @Ctx() ctx: EnterpriseServiceContext): Promise<UnitServiceStats> {
    return ctx.serviceStats.unitStats(ctx.caller, unit.id);
  }
}
