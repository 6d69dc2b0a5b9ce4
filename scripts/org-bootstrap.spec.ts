import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '@bizenv/common/config';
import { openSubgraphDatabase } from '@bizenv/common/subgraph';
import { Person } from '@bizenv/organization/person/person.entity';
import { SessionService } from '@bizenv/organization/person/session.service';
import { Region } from '@bizenv/organization/region/region.entity';
import { organizationSubgraph } from '@bizenv/organization/subgraph';
import { afterAll, describe, expect, it } from 'vitest';

const SECRET = 'org-bootstrap-spec-secret-0123456789abcdef';
const dataDir = mkdtempSync(join(tmpdir(), 'bizenv-org-bootstrap-'));

/** `npm run org:bootstrap` in production mode against the embedded database in `dataDir`. */
function bootstrap(args: string[], password?: string, securityPassword: string | null = password ? `${password}s` : null) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: 'production', DATA_DIR: dataDir, AUTH_SECRET: SECRET, INTERNAL_SECRET: SECRET };
  if (password !== undefined) env.BOOTSTRAP_ADMIN_PASSWORD = password;
  if (securityPassword !== null) env.BOOTSTRAP_SECURITY_PASSWORD = securityPassword;
  const result = spawnSync(resolve(REPO_ROOT, 'node_modules/.bin/tsx'), ['scripts/org-bootstrap.ts', ...args], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function stored() {
  const dataSource = await openSubgraphDatabase(organizationSubgraph({ authSecret: new TextEncoder().encode(SECRET), production: true }), { dataDir });
  return {
    regions: await dataSource.getRepository(Region).find(),
    people: await dataSource.getRepository(Person).find(),
    signIn: (username: string, password: string) => new SessionService(dataSource, new TextEncoder().encode(SECRET)).login(username, password),
    close: () => dataSource.destroy(),
  };
}

const ROOT = ['--region-code', '990100', '--region-name', '江湾市'];

describe('npm run org:bootstrap', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('takes the password from the environment only, checked against the policy, and stores nothing when refused', async () => {
    const missing = bootstrap(ROOT);
    expect(missing.status).toBe(1);
    expect(missing.output).toContain('BOOTSTRAP_ADMIN_PASSWORD');
    const onCommandLine = bootstrap([...ROOT, '--password', 'FirstAdmin2026'], 'FirstAdmin2026');
    expect(onCommandLine.status).toBe(1);
    expect(onCommandLine.output).toContain('密码只能经环境变量 BOOTSTRAP_ADMIN_PASSWORD、BOOTSTRAP_SECURITY_PASSWORD 提供');
    const noSecurity = bootstrap(ROOT, 'FirstAdmin2026', null);
    expect(noSecurity.status).toBe(1);
    expect(noSecurity.output).toContain('BOOTSTRAP_SECURITY_PASSWORD');
    const weak = bootstrap(ROOT, 'password');
    expect(weak.status).toBe(1);
    expect(weak.output).toContain('密码应为10到128位，且同时包含字母和数字');

    const db = await stored();
    expect({ regions: db.regions, people: db.people }).toEqual({ regions: [], people: [] });
    await db.close();
  }, 120_000);

  it('creates the root region and the first system and security administrators once, then refuses', async () => {
    const first = bootstrap([...ROOT, '--username', 'chief', '--name', '信息中心管理员', '--security-username', 'guard'], 'FirstAdmin2026', 'FirstSecurity2026');
    expect(first.output).toContain('初始化完成：根区划 990100（江湾市），系统管理员账号 chief（信息中心管理员），安全管理员账号 guard（安全管理员）');
    expect(first.status).toBe(0);

    const again = bootstrap(ROOT, 'SecondAdmin2026');
    expect(again.status).toBe(1);
    expect(again.output).toContain('已有可登录的系统管理员或安全管理员账号');

    const db = await stored();
    try {
      expect(db.regions).toEqual([{ code: '990100', name: '江湾市', level: 'CITY', parentCode: null }]);
      expect(db.people).toHaveLength(2);
      expect((await db.signIn('chief', 'FirstAdmin2026')).viewer).toMatchObject({ name: '信息中心管理员', roles: ['ADMIN'], regionCode: '990100' });
      expect((await db.signIn('guard', 'FirstSecurity2026')).viewer).toMatchObject({ name: '安全管理员', roles: ['SECURITY_ADMIN'], regionCode: '990100' });
    } finally {
      await db.close();
    }
  }, 120_000);
});
