import { PageArgs, type Page } from '@bizenv/common/connection';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EnterpriseServiceContext } from '../context.js';
import { Region } from '../region/region.js';
import { EnterpriseConnection } from './enterprise-connection.js';
import { EnterpriseFilter, RegisterEnterpriseInput } from './enterprise-inputs.js';
import { Enterprise } from './enterprise.entity.js';

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => Enterprise, { nullable: true })
  enterprise(@Arg('id', () => ID) id: string, @Ctx() ctx: EnterpriseServiceContext): Promise<Enterprise> {
    return ctx.enterprises.get(ctx.caller, id);
  }

  @Query(() => EnterpriseConnection, { description: '企业分页列表，按统一社会信用代码排序；总数只计本账号可见的企业' })
  enterprises(
    @Arg('filter', () => EnterpriseFilter, { nullable: true }) filter: EnterpriseFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: EnterpriseServiceContext,
  ): Promise<Page<Enterprise>> {
    return ctx.enterprises.list(ctx.caller, filter ?? {}, page);
  }

  @Mutation(() => Enterprise, { description: '登记企业：统一社会信用代码格式或校验位不正确时返回 INVALID_CREDIT_CODE' })
  registerEnterprise(@Arg('input', () => RegisterEnterpriseInput) input: RegisterEnterpriseInput, @Ctx() ctx: EnterpriseServiceContext): Promise<Enterprise> {
    return ctx.enterprises.register(ctx.caller, input);
  }

  @FieldResolver(() => Region)
  region(@Root() enterprise: Enterprise): Region {
    return { code: enterprise.regionCode };
  }
}
