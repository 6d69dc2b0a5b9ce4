import type { Server } from 'node:http';
import type { Caller } from '@bizenv/common/auth';
import { extendSchema, parse, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { callerFromAuthorization } from '../caller.js';
import type { LiveQueryHub } from './live-query-hub.js';
import { SUBSCRIPTION_SDL, toLiveQuery } from './subscription-document.js';

interface SubscriptionContext {
  caller: Caller | null;
}

/** The supergraph's API schema plus the gateway's own Subscription type, for validation. */
export function subscriptionSchema(apiSchema: GraphQLSchema): GraphQLSchema {
  return extendSchema(apiSchema, parse(SUBSCRIPTION_SDL));
}

/**
 * graphql-ws on the gateway's `/graphql` path. The connection must carry a valid token in
 * `connectionParams.authorization`; otherwise it is closed with 4403, which clients retry
 * after refreshing their token.
 */
export function serveSubscriptions(options: { http: Server; schema: GraphQLSchema; hub: LiveQueryHub; authSecret: Uint8Array }) {
  const wss = new WebSocketServer({ server: options.http, path: '/graphql' });
  const server = useServer<Record<string, unknown>, { caller?: Caller | null }>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        try {
          ctx.extra.caller = await callerFromAuthorization(ctx.connectionParams?.authorization, options.authSecret);
        } catch {
          return false;
        }
        return Boolean(ctx.extra.caller);
      },
      context: (ctx): SubscriptionContext => ({ caller: ctx.extra.caller ?? null }),
      subscribe: (args) => {
        const variables = (args.variableValues ?? {}) as Record<string, unknown>;
        const live = toLiveQuery(args.document, args.operationName, variables);
        return options.hub.subscribe(live, variables, (args.contextValue as SubscriptionContext).caller);
      },
    },
    wss,
  );
  return {
    async close(): Promise<void> {
      // Subscribers are told (close code 1001, "going away") and reconnect elsewhere or later.
      for (const client of wss.clients) client.close(1001, '服务重启');
      await server.dispose();
      await new Promise<void>((done) => wss.close(() => done()));
    },
  };
}
