import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Session, Viewer } from './session.js';
import type { SessionService } from './session.service.js';

export interface SessionContext extends SubgraphContext {
  sessions: SessionService;
}

@Resolver()
export class SessionResolver {
  @Mutation(() => Session, { description: '用户名密码登录，返回访问令牌' })
  login(@Arg('username', () => String) username: string, @Arg('password', () => String) password: string, @Ctx() ctx: SessionContext): Promise<Session> {
    return ctx.sessions.login(username, password);
  }

  @Query(() => Viewer, { nullable: true, description: '当前登录账号；未登录为 null' })
  viewer(@Ctx() ctx: SessionContext): Viewer | null {
    return ctx.caller;
  }
}
