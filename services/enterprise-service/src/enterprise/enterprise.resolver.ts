import { PageArgs, type Page } from '@bizenv/common/connection';
import { validateCreditCode } from '@bizenv/common/credit-code';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EnterpriseServiceContext } from '../context.js';
import { Region } from '../region/region.js';
import { CreditCodeConfirmation } from './credit-code-confirmation.entity.js';
import { EnterpriseConnection } from './enterprise-connection.js';
import { EnterpriseFilter, RegisterEnterpriseInput, UpdateEnterpriseInput } from './enterprise-inputs.js';
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

  @Mutation(() => Enterprise, {
    description: '登记企业：统一社会信用代码格式不正确，或校验位不正确且未经人工确认（confirmInvalidCheck）时返回 INVALID_CREDIT_CODE；代码已登记返回 CONFLICT',
  })
  registerEnterprise(@Arg('input', () => RegisterEnterpriseInput) input: RegisterEnterpriseInput, @Ctx() ctx: EnterpriseServiceContext): Promise<Enterprise> {
    return ctx.enterprises.register(ctx.caller, input);
  }

  @Mutation(() => Enterprise, { description: '修改企业信息（本账号区域内）；代码规则同登记，版本不符返回 CONFLICT' })
  updateEnterprise(@Arg('input', () => UpdateEnterpriseInput) input: UpdateEnterpriseInput, @Ctx() ctx: EnterpriseServiceContext): Promise<Enterprise> {
    return ctx.enterprises.update(ctx.caller, input);
  }

  @FieldResolver(() => Boolean, { description: '统一社会信用代码校验位是否正确（不正确的代码须经人工确认才能登记）' })
  creditCodeCheckPassed(@Root() enterprise: Enterprise): boolean {
    return validateCreditCode(enterprise.creditCode).ok;
  }

  @FieldResolver(() => CreditCodeConfirmation, { nullable: true, description: '校验位不正确的代码的人工确认记录（谁、何时、理由）' })
  creditCodeConfirmation(@Root() enterprise: Enterprise, @Ctx() ctx: EnterpriseServiceContext): Promise<CreditCodeConfirmation | null> {
    return ctx.enterprises.confirmationOf(enterprise);
  }

  @FieldResolver(() => Region)
  region(@Root() enterprise: Enterprise): Region {
    return { code: enterprise.regionCode };
  }
}
