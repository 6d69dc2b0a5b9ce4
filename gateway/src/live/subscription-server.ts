import type { Server } from 'node:http';
import { API_KEY_HEADER } from '@bizenv/common/api-key';
import { Permission, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { MAX_BODY_BYTES } from '@bizenv/common/http';
import { execute, extendSchema, GraphQLError, parse, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { CallerResolver, Credentials } from '../caller.js';
import type { RequestLimits } from '../limits/request-limits.js';
import { originAllowed } from '../origin-policy.js';
import { closeRefused, watchCredentials } from './credential-watch.js';
import { visibleIn, type DispatchEvent, type DispatchFeed } from './dispatch-feed.js';
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
async function* feedResults(args: ExecutionArgs, feed: DispatchFeed, visible: (e: DispatchEvent) => boolean, after: unknown): AsyncGenerator<ExecutionResult> {
  const frames = feed.subscribe(visible, typeof after === 'string' ? after : null);
  try {
    for await (const frame of frames) yield (await execute({ ...args, rootValue: { dispatchEvents: frame } })) as ExecutionResult;
  } finally {
    await frames.return?.();
  }
}

/** How long a stopping gateway waits for subscribers to answer its close frame. */
const CLOSE_ANSWER_MS = 2000;

/** Said when a socket brings no credentials at all. */
const NO_CREDENTIALS = '订阅需要登录令牌或 API 密钥';

/**
 * graphql-ws on the gateway's `/graphql` path. A browser page of another origin is refused at
 * the handshake (HTTP 403; see `originAllowed`). The connection must carry valid credentials in
 * its parameters, as the HTTP headers would: `authorization` (`Bearer <token>`) or `x-api-key`;
 * otherwise it is closed with 4403 (`CREDENTIALS_REFUSED`) and the reason, which clients retry
 * after refreshing their token. The same happens when the token expires or the API key is
 * revoked while the socket is open.
 */
export function serveSubscriptions(options: {
  http: Server;
  schema: GraphQLSchema;
  hub: LiveQueryHub;
  feed: DispatchFeed;
  resolveCaller: CallerResolver;
  limits: RequestLimits;
  allowedOrigins: readonly string[];
}) {
  const wss = new WebSocketServer({
    server: options.http,
    path: '/graphql',
    maxPayload: MAX_BODY_BYTES,
    verifyClient: ({ req }, done) => (originAllowed(req, options.allowedOrigins) ? done(true) : done(false, 403, 'Origin not allowed')),
  });
  const server = useServer<Record<string, unknown>, { caller?: Caller | null; stopWatch?: () => void }>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const credentials: Credentials = { authorization: params.authorization, apiKey: params[API_KEY_HEADER] };
        const refuse = (message: string) => {
          closeRefused(ctx.extra.socket, message);
          return false;
        };
        try {
          ctx.extra.caller = await options.resolveCaller(credentials);
        } catch (error) {
          return refuse(error instanceof GraphQLError ? error.message : '登录凭证暂时无法验证，请稍后重试');
        }
        if (!ctx.extra.caller) return refuse(NO_CREDENTIALS);
        // gone while its credentials were checked: onClose has run already, nothing to watch
        if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) return false;
        ctx.extra.stopWatch = watchCredentials(credentials, options.resolveCaller, (message) => closeRefused(ctx.extra.socket, message));
        return true;
      },
      onClose: (ctx) => ctx.extra.stopWatch?.(),
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
        if (root?.name === 'dispatchEvents' && regionCode) {
          try {
            // A unit operator's feed shows its own unit's items only (see `visibleIn`).
            const scope = requireListScope(caller, Permission.STATS_READ, regionCode);
            return feedResults(args, options.feed, visibleIn(scope), root.args.after);
          } catch (error) {
            return refusal(error as GraphQLError);
          }
        }
        return options.hub.subscribe(toLiveQuery(args.document, args.operationName, variables), variables, caller);
      },
    },
    wss,
  );
  return {
    async close(): Promise<void> {
      // Subscribers are told (close code 1001, "going away") and reconnect elsewhere or later.
      for (const client of wss.clients) client.close(1001, '服务重启');
      // One that does not answer the close frame is cut off instead of awaited (ws waits 30 s).
      setTimeout(() => wss.clients.forEach((client) => client.terminate()), CLOSE_ANSWER_MS).unref();
      await server.dispose();
      await new Promise<void>((done) => wss.close(() => done()));
    },
  };
}
