import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { API_KEY_HEADER } from '@bizenv/common/api-key';
import type { Caller } from '@bizenv/common/auth';
import { CLOCK_ADVANCED, followTestClock } from '@bizenv/common/clock';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, DEFAULT_SESSION_IDLE_MINUTES, MAX_API_KEY_CACHE_SECONDS, type IdentityProviderConfig } from '@bizenv/common/config';
import { maskError } from '@bizenv/common/errors';
import type { EventBus } from '@bizenv/common/event-bus';
import { graphqlHttpHandler } from '@bizenv/common/http';
import { closeGracefully, listen, type RunningServer } from '@bizenv/common/subgraph-server';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { accessDenialPlugin, organizationDenialReporter } from './access-denials.js';
import { ApiKeyVerifier, organizationApiKeyLookup } from './api-key-verifier.js';
import { callerResolver } from './caller.js';
import { createGateway, type GatewayContext } from './gateway.js';
import { DispatchFeed } from './live/dispatch-feed.js';
import { RequestLimits } from './limits/request-limits.js';
import { LiveQueryHub } from './live/live-query-hub.js';
import { serveSubscriptions, subscriptionSchema } from './live/subscription-server.js';
import { MemorySessionActivity, RedisSessionActivity, SessionIdleTimeout } from './session-idle.js';
import { staticFiles } from './static-files.js';
import { noTestClock } from './test-clock-rule.js';

export interface GatewayOptions {
  supergraphSdl: string;
  subgraphUrls: Record<string, string>;
  internalSecret: Uint8Array;
  authSecret: Uint8Array;
  /** A unified identity platform whose tokens are accepted besides our own session tokens. */
  identityProvider?: IdentityProviderConfig;
  /** How long a verified API key is trusted without asking again (default 30 s): the revocation delay. */
  apiKeyCacheSeconds?: number;
  bus: EventBus;
  port: number;
  host: string;
  production: boolean;
  /** Requests per caller per minute at this gateway process (default DEFAULT_RATE_LIMIT_PER_MINUTE). */
  rateLimitPerMinute?: number;
  /** A session token unused this long stops working (default DEFAULT_SESSION_IDLE_MINUTES). */
  sessionIdleMinutes?: number;
  /** Where every replica keeps the last use of each session; this process's memory when unset. */
  redisUrl?: string;
  /** Folder of the built big screen, served at /screen/. */
  dashboardDir?: string;
  /** Origins of other pages that may open the WebSocket (ALLOWED_ORIGINS); the gateway's own always may. */
  allowedOrigins?: readonly string[];
}

export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  const gateway = createGateway(options.supergraphSdl, options.subgraphUrls, options.internalSecret);
  const denials = organizationDenialReporter(options.subgraphUrls.organization, options.internalSecret);
  const limits = new RequestLimits({ production: options.production, requestsPerMinute: options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE, reportDenial: denials.report });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: maskError,
    introspection: !options.production,
    hideSchemaDetailsFromClientErrors: options.production,
    // A cache, not an allow-list: off, so every request carries the document the limits check.
    persistedQueries: false,
    stopOnTerminationSignals: false,
    plugins: [limits.plugin(), accessDenialPlugin(denials.report), ...(options.production ? [ApolloServerPluginLandingPageDisabled()] : [])],
    validationRules: options.production ? [noTestClock] : [],
  });
  const apiSchema = new Promise<Parameters<typeof subscriptionSchema>[0]>((resolve) => {
    const unsubscribe = gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => {
      resolve(schema);
      unsubscribe();
    });
  });
  await apollo.start();

  const execute = async (query: string, variables: Record<string, unknown>, caller: Caller | null): Promise<ExecutionResult> => {
    const response = await apollo.executeOperation({ query, variables }, { contextValue: { caller } });
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not used by live queries');
    const { data, errors } = response.body.singleResult;
    // Errors arrive formatted (masked) already; graphql-ws sends GraphQLError instances.
    return { data, ...(errors ? { errors: errors.map((e) => new GraphQLError(e.message, { path: e.path, extensions: e.extensions })) } : {}) };
  };
  const hub = new LiveQueryHub(execute);
  const feed = new DispatchFeed();
  const stopEvents = options.bus.subscribe((event) => {
    if (event.topic !== CLOCK_ADVANCED) {
      feed.onEvent(event);
      return hub.onEvent(event);
    }
    if (options.production) return;
    // Time jumped: every count that depends on "now" is recomputed.
    followTestClock(event);
    hub.refreshAll();
  });
  const stopResync = options.bus.onResync(() => hub.refreshAll());

  const sessionIdle = new SessionIdleTimeout(
    options.redisUrl ? new RedisSessionActivity(options.redisUrl) : new MemorySessionActivity(),
    options.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES,
  );
  const resolveCaller = callerResolver({
    authSecret: options.authSecret,
    identityProvider: options.identityProvider,
    sessionIdle,
    apiKeys: new ApiKeyVerifier(
      organizationApiKeyLookup(options.subgraphUrls.organization, options.internalSecret),
      options.apiKeyCacheSeconds ?? MAX_API_KEY_CACHE_SECONDS,
    ),
  });
  const handleGraphql = graphqlHttpHandler(
    apollo,
    limits.httpContext(apiSchema, async (req) => ({
      caller: await resolveCaller({ authorization: req.headers.authorization, apiKey: req.headers[API_KEY_HEADER] }),
    })),
  );
  const serveScreen = options.dashboardDir ? staticFiles(options.dashboardDir, '/screen/') : undefined;
  const http = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/graphql') return void handleGraphql(req, res);
    if (path === '/health') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    if (path === '/' || path === '/screen') return void res.writeHead(302, { location: '/screen/' }).end();
    if (serveScreen?.(req, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('未找到');
  });
  const subscriptions = serveSubscriptions({
    http,
    schema: subscriptionSchema(await apiSchema),
    hub,
    feed,
    resolveCaller,
    limits,
    allowedOrigins: options.allowedOrigins ?? [],
  });
  const port = await listen(http, options.port, options.host);
  return {
    port,
    url: `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}/graphql`,
    /** Subscribers are told at once (1001), so they reconnect elsewhere; HTTP requests in progress finish first. */
    async stop() {
      stopEvents();
      stopResync();
      hub.close();
      await subscriptions.close();
      await closeGracefully(http);
      await apollo.stop();
      await denials.settled();
      await sessionIdle.close();
    },
  };
}
