import { PageArgs, type Page } from '@bizenv/common/connection';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EnterpriseServiceContext } from '../context.js';
import { Demand } from '../demand/demand.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Person } from '../person/person.js';
import { Region } from '../region/region.js';
import { VisitConnection } from './visit-connection.js';
import { RecordVisitInput, VisitFilter } from './visit-inputs.js';
import { Visit } from './visit.entity.js';

@Resolver(() => Visit)
export class VisitResolver {
  @Query(() => Visit, { nullable: true })
  visit(@Arg('id', () => ID) id: string, @Ctx() ctx: EnterpriseServiceContext): Promise<Visit> {
    return ctx.visits.get(ctx.caller, id);
  }

  @Query(() => VisitConnection, { description: '走访分页列表，按走访时间由近到远；总数只计本账号可见的走访' })
  visits(
    @Arg('filter', () => VisitFilter, { nullable: true }) filter: VisitFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: EnterpriseServiceContext,
  ): Promise<Page<Visit>> {
    return ctx.visits.list(ctx.caller, filter ?? {}, page);
  }

  @Mutation(() => Visit, { description: '登记走访；其中提出的诉求进入诉求闭环（待转办），并关联到本次走访' })
  recordVisit(@Arg('input', () => RecordVisitInput) input: RecordVisitInput, @Ctx() ctx: EnterpriseServiceContext): Promise<Visit> {
    return ctx.visits.record(ctx.caller, input);
  }

  @FieldResolver(() => Enterprise)
  enterprise(@Root() visit: Visit, @Ctx() ctx: EnterpriseServiceContext): Promise<Enterprise> {
    return ctx.enterprises.get(ctx.caller, visit.enterpriseId);
  }

  @FieldResolver(() => Region)
  region(@Root() visit: Visit): Region {
    return { code: visit.regionCode };
  }

  @FieldResolver(() => [Person], { description: '走访人员' })
  async visitors(@Root() visit: Visit, @Ctx() ctx: EnterpriseServiceContext): Promise<Person[]> {
    return (await ctx.visits.visitorIds(visit.id)).map((id) => ({ id }));
  }

  @FieldResolver(() => [Demand], { description: '本次走访中提出的诉求（单位承办人只见本单位承办的）' })
  demands(@Root() visit: Visit, @Ctx() ctx: EnterpriseServiceContext): Promise<Demand[]> {
    return ctx.demands.ofVisit(ctx.caller, visit.id);
  }
}
