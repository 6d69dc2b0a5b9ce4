import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Config } from '@bizenv/common/config';
import { REPO_ROOT, SUBGRAPHS } from '@bizenv/common/config';
import type { EventBus } from '@bizenv/common/event-bus';
import { runSubgraph, type RunningSubgraph } from '@bizenv/common/subgraph';
import type { RunningServer } from '@bizenv/common/subgraph-server';
import { startGateway } from '@bizenv/gateway/server';
import { subgraphDefinitions } from './subgraphs.js';

export interface RunningSystem {
  gateway: RunningServer;
  subgraphs: RunningSubgraph<any>[];
  stop(): Promise<void>;
}

/**
 * The environment of a throwaway system (tests, benchmarks, the scale generator): `databaseUrl`
 * (empty: embedded), a fresh data directory, fresh secrets, every port chosen by the OS.
 */
export function ephemeralSystemEnv(databaseUrl: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'bizenv-')),
    INTERNAL_SECRET: randomBytes(32).toString('hex'),
    AUTH_SECRET: randomBytes(32).toString('hex'),
    IDENTITY_KEY: randomBytes(32).toString('base64'),
    GATEWAY_PORT: '0',
    ORGANIZATION_PORT: '0',
    TASKS_PORT: '0',
    COMPLAINTS_PORT: '0',
    ENTERPRISE_SERVICE_PORT: '0',
  };
}

export function readSupergraph(): string {
  return readFileSync(resolve(REPO_ROOT, 'schema/supergraph.graphql'), 'utf8');
}

/**
 * The whole system in one process: four subgraphs (each on its own port and database) and the
 * gateway, sharing one event bus. Used by `npm start` and by the end-to-end tests.
 */
export async function startSystem(
  config: Config,
  options: { bus: EventBus; dataDir?: string; seed: boolean; dashboardDir?: string },
): Promise<RunningSystem> {
  const definitions = subgraphDefinitions(config);
  const subgraphs: RunningSubgraph<any>[] = [];
  try {
    for (const name of SUBGRAPHS) {
      subgraphs.push(
        await runSubgraph(definitions[name], {
          databaseUrl: config.databaseUrl,
          dataDir: options.dataDir,
          bus: options.bus,
          internalSecret: config.internalSecret,
          port: config.subgraphPorts[name],
          host: config.host,
          seed: options.seed,
          testClock: !config.production,
          // Those started before (organization first), for catching up on missed events.
          peers: Object.fromEntries(subgraphs.map((s) => [s.name, s.url])),
        }),
      );
    }
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.name, s.url])),
      internalSecret: config.internalSecret,
      authSecret: config.authSecret,
      identityProvider: config.identityProvider,
      apiKeyCacheSeconds: config.apiKeyCacheSeconds,
      rateLimitPerMinute: config.rateLimitPerMinute,
      sessionIdleMinutes: config.sessionIdleMinutes,
      redisUrl: config.redisUrl,
      allowedOrigins: config.allowedOrigins,
      bus: options.bus,
      port: config.gatewayPort,
      host: config.host,
      production: config.production,
      dashboardDir: options.dashboardDir,
    });
    return {
      gateway,
      subgraphs,
      async stop() {
        await gateway.stop();
        for (const subgraph of subgraphs.reverse()) await subgraph.stop();
      },
    };
  } catch (error) {
    for (const subgraph of subgraphs.reverse()) await subgraph.stop();
    throw error;
  }
}
