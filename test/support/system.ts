import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@bizenv/common/config';
import { InProcessEventBus, type EventBus } from '@bizenv/common/event-bus';
import type { DatabaseTarget } from '@bizenv/common/testing';
import { startGateway } from '@bizenv/gateway/server';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { readSupergraph, startSystem, type RunningSystem } from '../../scripts/system.js';

export interface TestSystem extends RunningSystem {
  bus: EventBus;
  /** POST to the gateway, optionally as a signed-in user. */
  query(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ data?: any; errors?: any[] }>;
  login(username: string): Promise<string>;
  subscribe(token: string | undefined): Client;
  /** Stops the gateway as in an outage: its subscribers' sockets close; the subgraphs keep running. */
  stopGateway(): Promise<void>;
  /** Starts a gateway again with the same options on the same port, so clients find it where it was. */
  startGateway(): Promise<void>;
}

/** The whole system on free ports, seeded with the demo city unless in production mode. */
export async function startTestSystem(target: DatabaseTarget, options: { dashboardDir?: string; production?: boolean } = {}): Promise<TestSystem> {
  const config = loadConfig({
    NODE_ENV: options.production ? 'production' : 'test',
    DATABASE_URL: target.databaseUrl ?? '',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'bizenv-')),
    INTERNAL_SECRET: randomBytes(32).toString('hex'),
    AUTH_SECRET: randomBytes(32).toString('hex'),
    GATEWAY_PORT: '0',
    ORGANIZATION_PORT: '0',
    TASKS_PORT: '0',
    COMPLAINTS_PORT: '0',
    ENTERPRISE_SERVICE_PORT: '0',
  });
  const bus = new InProcessEventBus();
  const system = await startSystem(config, { bus, seed: !config.production, dashboardDir: options.dashboardDir });
  const url = system.gateway.url;
  // system.stop() stops this object: a restarted gateway takes over its stop(), so that the
  // whole system still stops with one call (and a stopped gateway is not stopped twice)
  const gateway = system.gateway;
  let gatewayRunning = true;
  const query: TestSystem['query'] = async (document, variables = {}, token) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: document, variables }),
    });
    return response.json();
  };
  return {
    ...system,
    bus,
    query,
    async login(username) {
      const result = await query('mutation($u: String!) { login(username: $u, password: "Demo@2026") { token } }', { u: username });
      if (!result.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(result.errors)}`);
      return result.data.login.token;
    },
    subscribe(token) {
      return createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
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
        bus,
        port: gateway.port,
        host: config.host,
        production: config.production,
        dashboardDir: options.dashboardDir,
      });
      gateway.stop = restarted.stop;
      gatewayRunning = true;
    },
  };
}

export { eventually } from '@bizenv/common/testing';
