import { PageArgs, type Page } from '@bizenv/common/connection';
import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Arg, Args, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ApiKeyConnection } from './api-key-connection.js';
import { CreateApiKeyInput, CreatedApiKey } from './api-key-inputs.js';
import { ApiKey } from './api-key.entity.js';
import type { ApiKeyService } from './api-key.service.js';

export interface ApiKeyContext extends SubgraphContext {
  apiKeys: ApiKeyService;
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { description: '本账号范围内的 API 密钥，新建的在前（安全管理员）' })
  apiKeys(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: ApiKeyContext): Promise<Page<ApiKey>> {
    return ctx.apiKeys.list(ctx.caller, page);
  }

  // Not in the gateway's API (@inaccessible): only the gateway itself asks, signed, to resolve an X-API-Key.
  @Query(() => ApiKey, { nullable: true })
  @Directive('@inaccessible')
  apiKeyBySecretHash(@Arg('secretHash', () => String) secretHash: string, @Ctx() ctx: ApiKeyContext): Promise<ApiKey | null> {
    return ctx.apiKeys.findActive(secretHash);
  }

  @Mutation(() => CreatedApiKey, { description: '新建 API 密钥（该区域的安全管理员）；密钥只在返回结果中显示一次' })
  createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: ApiKeyContext): Promise<CreatedApiKey> {
    return ctx.apiKeys.create(ctx.caller, input);
  }

  @Mutation(() => ApiKey, { description: '吊销 API 密钥（该区域的安全管理员）；网关最多30秒后拒绝该密钥' })
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiKeyContext): Promise<ApiKey> {
    return ctx.apiKeys.revoke(ctx.caller, id);
  }
}
