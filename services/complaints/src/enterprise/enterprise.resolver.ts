import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ComplaintContext } from '../complaint/complaint.resolver.js';
import { EnterpriseProtection } from './enterprise-protection.js';
import type { EnterpriseProtectionService } from './enterprise-protection.service.js';
import { Enterprise } from './enterprise.js';

export interface EnterpriseProtectionContext extends ComplaintContext {
  protection: EnterpriseProtectionService;
}

@Resolver(() => Enterprise)
export class EnterpriseProtectionResolver {
  @FieldResolver(() => EnterpriseProtection, {
    nullable: true,
    description: '投诉举报企业保护期：不透露投诉内容与投诉人；无保护或承办单位账号查看时为空；接口密钥不能查看（FORBIDDEN）',
  })
  @Directive('@requires(fields: "region { code }")')
  protection(@Root() enterprise: Enterprise, @Ctx() ctx: EnterpriseProtectionContext): Promise<EnterpriseProtection | null> {
    return ctx.protection.of(ctx.caller, enterprise);
  }
}
