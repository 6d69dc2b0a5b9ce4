import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EnterpriseServiceContext } from '../context.js';
import { Region } from '../region/region.js';
import { RegisterEnterpriseInput } from './enterprise-inputs.js';
import { Enterprise } from './enterprise.entity.js';

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => Enterprise, { nullable: true })
  enterprise(@Arg('id', () => ID) id: string, @Ctx() ctx: EnterpriseServiceContext): Promise<Enterprise> {
    return ctx.enterprises.get(ctx.caller, id);
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
