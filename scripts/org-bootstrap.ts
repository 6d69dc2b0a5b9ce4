/**
 * Creates the first administrators of a deployment, which seeds nothing in production:
 *   BOOTSTRAP_ADMIN_PASSWORD=… BOOTSTRAP_SECURITY_PASSWORD=… npm run org:bootstrap -- --region-code 990100 --region-name 江湾市
 *     [--username admin] [--name 系统管理员] [--security-username security] [--security-name 安全管理员]
 * It opens the organization database the way `npm run service -- organization` does
 * (DATABASE_URL, else the embedded file in DATA_DIR), applies pending migrations, creates the
 * root region, a system administrator (ADMIN) and a security administrator (SECURITY_ADMIN),
 * and refuses (exit 1) when either kind of administrator already exists. The passwords are read
 * from the environment only, never from the command line.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@bizenv/common/config';
import { DomainError } from '@bizenv/common/errors';
import { openSubgraphDatabase } from '@bizenv/common/subgraph';
import { bootstrapOrganization } from '@bizenv/organization/bootstrap';
import { organizationSubgraph } from '@bizenv/organization/subgraph';

function fail(message: string): never {
  console.error(`初始化失败：${message}`);
  process.exit(1);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        'region-code': { type: 'string' },
        'region-name': { type: 'string' },
        username: { type: 'string', default: 'admin' },
        name: { type: 'string', default: '系统管理员' },
        'security-username': { type: 'string', default: 'security' },
        'security-name': { type: 'string', default: '安全管理员' },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}（密码只能经环境变量 BOOTSTRAP_ADMIN_PASSWORD、BOOTSTRAP_SECURITY_PASSWORD 提供）`);
  }
})();
if (!values['region-code'] || !values['region-name']) fail('请用 --region-code 与 --region-name 给出根区划（市级）的代码和名称');
const password = process.env.BOOTSTRAP_ADMIN_PASSWORD;
if (!password) fail('请在环境变量 BOOTSTRAP_ADMIN_PASSWORD 中提供系统管理员密码');
const securityPassword = process.env.BOOTSTRAP_SECURITY_PASSWORD;
if (!securityPassword) fail('请在环境变量 BOOTSTRAP_SECURITY_PASSWORD 中提供安全管理员密码');

const config = (() => {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) return fail(`配置错误: ${error.message}`);
    throw error;
  }
})();

const dataSource = await openSubgraphDatabase(organizationSubgraph(config), {
  databaseUrl: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : config.dataDir,
});
try {
  const { region, admin, securityAdmin } = await bootstrapOrganization(dataSource, {
    regionCode: values['region-code'],
    regionName: values['region-name'],
    username: values.username,
    name: values.name,
    password,
    securityUsername: values['security-username'],
    securityName: values['security-name'],
    securityPassword,
  });
  console.log(
    `初始化完成：根区划 ${region.code}（${region.name}），系统管理员账号 ${admin.username}（${admin.name}），安全管理员账号 ${securityAdmin.username}（${securityAdmin.name}）`,
  );
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  process.exitCode = 1;
  console.error(`初始化失败：${error.message}`);
} finally {
  await dataSource.destroy();
}
