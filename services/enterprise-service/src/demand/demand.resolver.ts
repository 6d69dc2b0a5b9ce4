import { now } from '@bizenv/common/clock';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { EnterpriseServiceContext } from '../context.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Region } from '../region/region.js';
import { Unit } from '../unit/unit.js';
import { Demand } from './demand.entity.js';

@Resolver(() => Demand)
export class DemandResolver {
  @Query(() => Demand, { nullable: true })
  demand(@Arg('id', () => ID) id: string, @Ctx() ctx: EnterpriseServiceContext): Promise<Demand> {
    return ctx.demands.get(ctx.caller, id);
  }

  @FieldResolver(() => Enterprise, { description: '提出诉求的企业' })
  enterprise(@Root() demand: Demand, @Ctx() ctx: EnterpriseServiceContext): Promise<Enterprise> {
    return ctx.enterprises.get(ctx.caller, demand.enterpriseId);
  }

  @FieldResolver(() => Region)
  region(@Root() demand: Demand): Region {
    return { code: demand.regionCode };
  }

  @FieldResolver(() => Unit, { nullable: true, description: '承办单位' })
  unit(@Root() demand: Demand): Unit | null {
    return demand.unitId ? { id: demand.unitId } : null;
  }

  @FieldResolver(() => Boolean, { description: '未办结且已过办理期限' })
  overdue(@Root() demand: Demand): boolean {
    return demand.status !== DispatchStatus.CLOSED && demand.dueAt < now();
  }
}
