import { now } from '@bizenv/common/clock';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { PageArgs, type Page } from '@bizenv/common/connection';
import { Light, lightOf } from '@bizenv/common/lights';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EnterpriseServiceContext } from '../context.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Region } from '../region/region.js';
import { Unit } from '../unit/unit.js';
import { Visit } from '../visit/visit.entity.js';
import { DemandConnection } from './demand-connection.js';
import { ActOnDemandInput, DemandFilter } from './demand-inputs.js';
import { DemandTimelineEntry } from './demand-timeline-entry.entity.js';
import { Demand } from './demand.entity.js';

@Resolver(() => Demand)
export class DemandResolver {
  @Query(() => Demand, { nullable: true })
  demand(@Arg('id', () => ID) id: string, @Ctx() ctx: EnterpriseServiceContext): Promise<Demand> {
    return ctx.demands.get(ctx.caller, id);
  }

  @Query(() => DemandConnection, { description: '企业诉求分页列表，按提出时间由新到旧；总数只计本账号可见的诉求' })
  demands(
    @Arg('filter', () => DemandFilter, { nullable: true }) filter: DemandFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: EnterpriseServiceContext,
  ): Promise<Page<Demand>> {
    return ctx.demands.list(ctx.caller, filter ?? {}, page);
  }

  @Mutation(() => Demand, {
    description: '企业诉求的闭环操作（与投诉相同）：服务大使转办、办结（录入企业评价）、重办、不予受理；承办单位签收、退回、答复本单位的诉求',
  })
  actOnDemand(@Arg('input', () => ActOnDemandInput) input: ActOnDemandInput, @Ctx() ctx: EnterpriseServiceContext): Promise<Demand> {
    return ctx.demands.act(ctx.caller, input);
  }

  @FieldResolver(() => [DemandTimelineEntry], { description: '办理记录，按时间先后' })
  timeline(@Root() demand: Demand, @Ctx() ctx: EnterpriseServiceContext): Promise<DemandTimelineEntry[]> {
    return ctx.demands.timeline(ctx.caller, demand);
  }

  @FieldResolver(() => Light, { nullable: true, description: '亮灯：红灯超期，黄灯临近当前期限，绿灯按期；已办结为空' })
  light(@Root() demand: Demand): Light | null {
    return demand.status === DispatchStatus.CLOSED ? null : lightOf(demand);
  }

  @FieldResolver(() => Enterprise, { description: '提出诉求的企业' })
  enterprise(@Root() demand: Demand, @Ctx() ctx: EnterpriseServiceContext): Promise<Enterprise> {
    return ctx.enterprises.ofDemand(ctx.caller, demand);
  }

  @FieldResolver(() => Region)
  region(@Root() demand: Demand): Region {
    return { code: demand.regionCode };
  }

  @FieldResolver(() => Unit, { nullable: true, description: '承办单位' })
  unit(@Root() demand: Demand): Unit | null {
    return demand.unitId ? { id: demand.unitId } : null;
  }

  @FieldResolver(() => [String], { description: '随手拍照片（外部系统的地址或文件编号）' })
  photos(@Root() demand: Demand): string[] {
    return demand.photos ?? [];
  }

  @FieldResolver(() => Visit, { nullable: true, description: '提出该诉求的走访' })
  visit(@Root() demand: Demand, @Ctx() ctx: EnterpriseServiceContext): Promise<Visit | null> {
    return ctx.visits.ofDemand(demand);
  }

  @FieldResolver(() => Boolean, { description: '未办结且已过办理期限' })
  overdue(@Root() demand: Demand): boolean {
    return demand.status !== DispatchStatus.CLOSED && demand.dueAt < now();
  }
}
