/**
 * Runs one service on its own: `npm run service -- <organization|tasks|complaints|enterprise-service|gateway>`.
 * Separate processes share events through Redis Streams, so REDIS_URL is required here.
 */
import { ConfigError, loadConfig, SUBGRAPHS, type SubgraphName } from '@bizenv/common/config';
import { createEventBus } from '@bizenv/common/event-bus';
import { runSubgraph } from '@bizenv/common/subgraph';
import type { RunningServer } from '@bizenv/common/subgraph-server';
import { startGateway } from '@bizenv/gateway/server';
import { DASHBOARD_DIST } from './build-dashboard.js';
import { stopOnSignals } from './shutdown.js';
import { subgraphDefinitions } from './subgraphs.js';
import { readSupergraph } from './system.js';

const name = process.argv[2];
const config = (() => {
  try {
    const loaded = loadConfig();
    if (!loaded.redisUrl) throw new ConfigError('REDIS_URL is required when services run as separate processes');
    if (name !== 'gateway' && !SUBGRAPHS.includes(name as SubgraphName)) {
      throw new ConfigError(`unknown service "${name}"; one of: ${[...SUBGRAPHS, 'gateway'].join(', ')}`);
    }
    return loaded;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`配置错误: ${error.message}`);
    process.exit(1);
  }
})();

const bus = createEventBus(config.redisUrl);
let server: RunningServer;
if (name === 'gateway') {
  server = await startGateway({
    supergraphSdl: readSupergraph(),
    subgraphUrls: config.subgraphUrls,
    internalSecret: config.internalSecret,
    authSecret: config.authSecret,
    identityProvider: config.identityProvider,
    apiKeyCacheSeconds: config.apiKeyCacheSeconds,
    rateLimitPerMinute: config.rateLimitPerMinute,
    sessionIdleMinutes: config.sessionIdleMinutes,
    redisUrl: config.redisUrl,
    allowedOrigins: config.allowedOrigins,
    bus,
    port: config.gatewayPort,
    host: config.host,
    production: config.production,
    dashboardDir: DASHBOARD_DIST,
  });
} else {
  const subgraph = name as SubgraphName;
  server = await runSubgraph(subgraphDefinitions(config)[subgraph], {
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    bus,
    internalSecret: config.internalSecret,
    port: config.subgraphPorts[subgraph],
    host: config.host,
    seed: !config.production,
    testClock: !config.production,
    peers: config.subgraphUrls,
  });
}
console.log(`${name} 已启动: ${server.url}`);

stopOnSignals(async () => {
  await server.stop();
  await bus.close();
});
