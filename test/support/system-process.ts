/**
 * The whole system as `npm start` runs it (its signal handling included), without building the
 * screen: for tests that signal a real process. Configured by the environment; prints one line
 * `{"url": …}` once it serves.
 */
import { loadConfig } from '@bizenv/common/config';
import { createEventBus } from '@bizenv/common/event-bus';
import { stopOnSignals } from '../../scripts/shutdown.js';
import { startSystem } from '../../scripts/system.js';

const config = loadConfig();
const bus = createEventBus(config.redisUrl);
const system = await startSystem(config, { bus, dataDir: config.databaseUrl ? undefined : config.dataDir, seed: !config.production });
console.log(JSON.stringify({ url: system.gateway.url }));
stopOnSignals(async () => {
  await system.stop();
  await bus.close();
});
