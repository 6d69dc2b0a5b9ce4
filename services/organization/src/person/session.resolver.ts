import { permissionsOf, type Caller } from '@bizenv/common/auth';
import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Session, Viewer } from './session.js';
import type { SessionService } from './session.service.js';

export interface SessionContext extends SubgraphContext {
  sessions: SessionService;
}

@Resolver(() => Viewer)
export class SessionResolver {
  @Mutation(() => Session, { description: '用户名密码登录，返回访问令牌' })
  login(@Arg('username', () => String) username: string, @Arg('password', () => String) password: string, @Ctx() ctx: SessionContext): Promise<Session> {
    return ctx.sessions.login(username, password, ctx.clientAddress);
  }

  @Query(() => Viewer, { nullable: true, description: '当前登录账号；未登录为 null' })
  viewer(@Ctx() ctx: SessionContext): Viewer | null {
    return ctx.caller;
  }

  @FieldResolver(() => [String], { description: '本账号拥有的权限，如 org:read（由角色或接口密钥的授权范围决定）' })
  permissions(@Root() viewer: Caller): string[] {
    return [...permissionsOf(viewer)].sort();
  }
}
