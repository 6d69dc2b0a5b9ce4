import type { Server } from 'node:http';
import { API_KEY_HEADER } from '@bizenv/common/api-key';
import { Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { MAX_BODY_BYTES } from '@bizenv/common/http';
import { isWithin } from '@bizenv/common/region-code';
import { execute, extendSchema, parse, type ExecutionArgs, type ExecutionResult, type GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { CallerResolver } from '../caller.js';
import type { RequestLimits } from '../limits/request-limits.js';
import type { DispatchEvent, DispatchFeed } from './dispatch-feed.js';
import type { LiveQueryHub } from './live-query-hub.js';
import { rootFieldOf, subscribedRegion, SUBSCRIPTION_SDL, toLiveQuery } from './subscription-document.js';

interface SubscriptionContext {
  caller: Caller | null;
}

/** The supergraph's API schema plus the gateway's own Subscription types, for validation. */
export function subscriptionSchema(apiSchema: GraphQLSchema): GraphQLSchema {
  return extendSchema(apiSchema, parse(SUBSCRIPTION_SDL));
}

/** A subscription the caller may not have: one frame with the error, as a query would answer. */
async function* refusal(error: GraphQLError): AsyncGenerator<ExecutionResult> {
  yield { errors: [error] };
}

/** Each feed frame is executed against the client's selection, like any subscription payload. */
async function* feedResults(args: ExecutionArgs, feed: DispatchFeed, regionCode: string, after: unknown): AsyncGenerator<ExecutionResult> {
  const visible = (e: DispatchEvent) => isWithin(e.regionCode, regionCode);
  const frames = feed.subscribe(visible, typeof after === 'string' ? after : null);
  try {
    for await (const frame of frames) yield (await execute({ ...args, rootValue: { dispatchEvents: frame } })) as ExecutionResult;
  } finally {
    await frames.return?.();
  }
}

/**
 * graphql-ws on the gateway's `/graphql` path. The connection must carry valid credentials in
 * its parameters, as the HTTP headers would: `authorization` (`Bearer <token>`) or `x-api-key`;
 * otherwise it is closed with 4403, which clients retry after refreshing their token.
 */
export function serveSubscriptions(options: {
  http: Server;
  schema: GraphQLSchema;
  hub: LiveQueryHub;
  feed: DispatchFeed;
  resolveCaller: CallerResolver;
  limits: RequestLimits;
}) {
  const wss = new WebSocketServer({ server: options.http, path: '/graphql', maxPayload: MAX_BODY_BYTES });
  const server = useServer<Record<string, unknown>, { caller?: Caller | null }>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        try {
          const params = ctx.connectionParams ?? {};
          ctx.extra.caller = await options.resolveCaller({ authorization: params.authorization, apiKey: params[API_KEY_HEADER] });
        } catch {
          return false;
        }
        return Boolean(ctx.extra.caller);
      },
      onSubscribe: (ctx, _id, payload) => options.limits.subscription(options.schema, ctx.extra.caller ?? null, ctx.extra.request.socket.remoteAddress, payload),
      context: (ctx): SubscriptionContext => ({ caller: ctx.extra.caller ?? null }),
      subscribe: (args) => {
        const caller = (args.contextValue as SubscriptionContext).caller;
        const variables = (args.variableValues ?? {}) as Record<string, unknown>;
        const root = rootFieldOf(args.document, args.operationName, variables);
        const regionCode = root ? subscribedRegion(root) : null;
        // Every subscription shows a region's numbers: the statistics permission, within the caller's subtree.
        try {
          requirePermission(caller, Permission.STATS_READ, regionCode ?? undefined);
        } catch (error) {
          return refusal(error as GraphQLError);
        }
        if (root?.name === 'dispatchEvents' && regionCode) return feedResults(args, options.feed, regionCode, root.args.after);
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
