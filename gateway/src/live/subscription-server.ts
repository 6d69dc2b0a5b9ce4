import type { Server } from 'node:http';
import { requireRegion, type Caller } from '@bizenv/common/auth';
import { isWithin } from '@bizenv/common/region-code';
import { execute, extendSchema, parse, type ExecutionArgs, type ExecutionResult, type GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { callerFromAuthorization } from '../caller.js';
import type { DispatchEvent, DispatchFeed } from './dispatch-feed.js';
import type { LiveQueryHub } from './live-query-hub.js';
import { rootFieldOf, SUBSCRIPTION_SDL, toLiveQuery } from './subscription-document.js';

interface SubscriptionContext {
  caller: Caller | null;
}

/** The supergraph's API schema plus the gateway's own Subscription types, for validation. */
export function subscriptionSchema(apiSchema: GraphQLSchema): GraphQLSchema {
  return extendSchema(apiSchema, parse(SUBSCRIPTION_SDL));
}

/** Each feed frame is executed against the client's selection, like any subscription payload. */
async function* feedResults(args: ExecutionArgs, feed: DispatchFeed, caller: Caller | null, regionCode: unknown, after: unknown): AsyncGenerator<ExecutionResult> {
  let scope: string;
  try {
    scope = requireRegion(caller, String(regionCode)).regionCode;
  } catch (error) {
    yield { errors: [error as GraphQLError] };
    return;
  }
  const visible = (e: DispatchEvent) => isWithin(e.regionCode, String(regionCode)) && isWithin(e.regionCode, scope);
  const frames = feed.subscribe(visible, typeof after === 'string' ? after : null);
  try {
    for await (const frame of frames) yield (await execute({ ...args, rootValue: { dispatchEvents: frame } })) as ExecutionResult;
  } finally {
    await frames.return?.();
  }
}

/**
 * graphql-ws on the gateway's `/graphql` path. The connection must carry a valid token in
 * `connectionParams.authorization`; otherwise it is closed with 4403, which clients retry
 * after refreshing their token.
 */
export function serveSubscriptions(options: { http: Server; schema: GraphQLSchema; hub: LiveQueryHub; feed: DispatchFeed; authSecret: Uint8Array }) {
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
        const caller = (args.contextValue as SubscriptionContext).caller;
        const variables = (args.variableValues ?? {}) as Record<string, unknown>;
        const root = rootFieldOf(args.document, args.operationName, variables);
        if (root?.name === 'dispatchEvents') return feedResults(args, options.feed, caller, root.args.regionCode, root.args.after);
        return options.hub.subscribe(toLiveQuery(args.document, args.operationName, variables), variables, caller);
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
