/** `npm start`: the whole system with demo data on the embedded database (or DATABASE_URL). */
import { Role, signSessionToken } from '@bizenv/common/auth';
import { ConfigError, loadConfig } from '@bizenv/common/config';
import { DEMO_CITY_CODE } from '@bizenv/common/demo-city';
import { createEventBus } from '@bizenv/common/event-bus';
import { stableId } from '@bizenv/common/stable-id';
import { demoApiKey } from '@bizenv/organization/api-key/demo-api-key';
import { buildDashboardIfStale, DASHBOARD_DIST } from './build-dashboard.js';
import { stopOnSignals } from './shutdown.js';
import { startSystem } from './system.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`配置错误: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
buildDashboardIfStale();
const bus = createEventBus(config.redisUrl);
const system = await startSystem(config, {
  bus,
  dataDir: config.databaseUrl ? undefined : config.dataDir,
  seed: !config.production,
  dashboardDir: DASHBOARD_DIST,
});

const base = system.gateway.url.replace(/\/graphql$/, '');
const lines = [
  `GraphQL 接口:   ${system.gateway.url}`,
  `数据库:         ${config.databaseUrl ? config.databaseUrl.replace(/\/\/[^@]*@/, '//***@') : `内置 SQLite (${config.dataDir})`}`,
];
if (!config.production) {
  const screen = { id: stableId('user:screen'), name: '指挥中心大屏', roles: [Role.SCREEN], regionCode: DEMO_CITY_CODE };
  const token = await signSessionToken(screen, config.authSecret, '30d');
  lines.push(
    `指挥中心大屏:   ${base}/screen/?token=${token}`,
    `12345平台密钥:  X-API-Key: ${demoApiKey(config.authSecret)}`,
    `演示账号见 README（密码 Demo@2026）`,
  );
}
console.log(`\n优化营商环境指挥中心已启动\n${lines.map((l) => `  ${l}`).join('\n')}\n按 Ctrl-C 停止\n`);

stopOnSignals(async () => {
  await system.stop();
  await bus.close();
});
