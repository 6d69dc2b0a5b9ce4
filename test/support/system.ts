import { loadConfig, type Config } from '@bizenv/common/config';
import { InProcessEventBus, type EventBus } from '@bizenv/common/event-bus';
import type { DatabaseTarget } from '@bizenv/common/testing';
import { startGateway } from '@bizenv/gateway/server';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ephemeralSystemEnv, readSupergraph, startSystem, type RunningSystem } from '../../scripts/system.js';

export interface TestSystem extends RunningSystem {
  config: Config;
  bus: EventBus;
  /** POST to the gateway, optionally as a signed-in user (a session token) or with these headers. */
  query(query: string, variables?: Record<string, unknown>, auth?: string | Record<string, string>): Promise<{ data?: any; errors?: any[]; status: number }>;
  login(username: string): Promise<string>;
  /** A graphql-ws client with a session token, or with these connection parameters. */
  subscribe(auth: string | Record<string, unknown> | undefined): Client;
  /** Stops the gateway as in an outage: its subscribers' sockets close; the subgraphs keep running. */
  stopGateway(): Promise<void>;
  /** Starts a gateway again with the same options on the same port, so clients find it where it was. */
  startGateway(): Promise<void>;
}

/** The whole system on free ports, seeded with the demo city unless in production mode. */
export async function startTestSystem(
  target: DatabaseTarget,
  options: { dashboardDir?: string; production?: boolean; rateLimitPerMinute?: number; env?: Record<string, string> } = {},
): Promise<TestSystem> {
  const config = loadConfig({
    ...ephemeralSystemEnv(target.databaseUrl ?? ''),
    NODE_ENV: options.production ? 'production' : 'test',
    RATE_LIMIT_PER_MINUTE: options.rateLimitPerMinute ? String(options.rateLimitPerMinute) : '',
    // e.g. the identity platform (IDP_*) or API_KEY_CACHE_SECONDS
    ...options.env,
  });
  const bus = new InProcessEventBus();
  const system = await startSystem(config, { bus, seed: !config.production, dashboardDir: options.dashboardDir });
  const url = system.gateway.url;
  // system.stop() stops this object: a restarted gateway takes over its stop(), so that the
  // whole system still stops with one call (and a stopped gateway is not stopped twice)
  const gateway = system.gateway;
  let gatewayRunning = true;
  const query: TestSystem['query'] = async (document, variables = {}, auth) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(typeof auth === 'string' ? { authorization: `Bearer ${auth}` } : auth) },
      body: JSON.stringify({ query: document, variables }),
    });
    return { ...(await response.json()), status: response.status };
  };
  return {
    ...system,
    config,
    bus,
    query,
    async login(username) {
      const result = await query('mutation($u: String!) { login(username: $u, password: "Demo@2026") { token } }', { u: username });
      if (!result.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(result.errors)}`);
      return result.data.login.token;
    },
    subscribe(auth) {
      return createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: typeof auth === 'string' ? { authorization: `Bearer ${auth}` } : (auth ?? {}),
      });
    },
    async stopGateway() {
      if (!gatewayRunning) return;
      await gateway.stop();
      gatewayRunning = false;
      gateway.stop = async () => {};
    },
    async startGateway() {
      if (gatewayRunning) return;
      // the options scripts/system.ts startSystem() gives the gateway
      const restarted = await startGateway({
        supergraphSdl: readSupergraph(),
        subgraphUrls: Object.fromEntries(system.subgraphs.map((s) => [s.name, s.url])),
        internalSecret: config.internalSecret,
        authSecret: config.authSecret,
        identityProvider: config.identityProvider,
        apiKeyCacheSeconds: config.apiKeyCacheSeconds,
        bus,
        port: gateway.port,
        host: config.host,
        production: config.production,
        rateLimitPerMinute: config.rateLimitPerMinute,
        sessionIdleMinutes: config.sessionIdleMinutes,
        redisUrl: config.redisUrl,
        allowedOrigins: config.allowedOrigins,
        dashboardDir: options.dashboardDir,
      });
      gateway.stop = restarted.stop;
      gatewayRunning = true;
    },
  };
}

export { eventually } from '@bizenv/common/testing';
