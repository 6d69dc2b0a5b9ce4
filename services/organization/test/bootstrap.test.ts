import { Role } from '@bizenv/common/auth';
import { openSubgraphDatabase } from '@bizenv/common/subgraph';
import { type DatabaseTarget, databaseTargets } from '@bizenv/common/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapOrganization, type BootstrapInput } from '../src/bootstrap.js';
import { Person } from '../src/person/person.entity.js';
import { SessionService } from '../src/person/session.service.js';
import { Region } from '../src/region/region.entity.js';
import { organizationSubgraph } from '../src/subgraph.js';

const AUTH_SECRET = new TextEncoder().encode('organization-test-auth-secret-0123456789');
const INPUT: BootstrapInput = {
  regionCode: '990100', regionName: '江湾市', username: 'admin', name: '系统管理员', password: 'FirstAdmin2026',
  securityUsername: 'security', securityName: '安全管理员', securityPassword: 'FirstSecurity2026',
};

describe.each(await databaseTargets())('production bootstrap on $name', ({ create }) => {
  let target: DatabaseTarget;
  let dataSource: DataSource;

  beforeAll(async () => {
    target = create();
    dataSource = await openSubgraphDatabase(organizationSubgraph({ authSecret: AUTH_SECRET, production: true }), { databaseUrl: target.databaseUrl });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await target?.dispose();
  });

  const counts = async () => ({ regions: await dataSource.getRepository(Region).count(), people: await dataSource.getRepository(Person).count() });

  async function refusal(input: Partial<BootstrapInput>) {
    const error = await bootstrapOrganization(dataSource, { ...INPUT, ...input }).then(
      () => null,
      (e: { message: string; extensions: Record<string, unknown> }) => ({ message: e.message, ...e.extensions }),
    );
    expect(error, JSON.stringify(input)).not.toBeNull();
    return error!;
  }

  it('refuses bad input and stores nothing', async () => {
    const cases: [Partial<BootstrapInput>, string, RegExp][] = [
      [{ password: 'short1' }, 'BAD_USER_INPUT', /10到128位/],
      [{ password: 'nodigitsatallhere' }, 'BAD_USER_INPUT', /字母和数字/],
      [{ username: 'x' }, 'BAD_USER_INPUT', /用户名/],
      [{ regionCode: '990102' }, 'BAD_USER_INPUT', /市级行政区划代码/],
      [{ regionCode: '990000' }, 'BAD_USER_INPUT', /省级代码/],
      [{ regionCode: '9901' }, 'BAD_USER_INPUT', /6位或9位/],
      [{ regionName: ' ' }, 'BAD_USER_INPUT', /区划名称不能为空/],
      [{ name: '' }, 'BAD_USER_INPUT', /姓名不能为空/],
      [{ securityPassword: 'short1' }, 'BAD_USER_INPUT', /10到128位/],
      [{ securityUsername: 'x' }, 'BAD_USER_INPUT', /用户名/],
      [{ securityName: ' ' }, 'BAD_USER_INPUT', /姓名不能为空/],
      [{ securityUsername: 'ADMIN' }, 'BAD_USER_INPUT', /不同的用户名/],
    ];
    for (const [input, code, message] of cases) {
      const error = await refusal(input);
      expect(error, JSON.stringify(input)).toMatchObject({ code });
      expect(error.message).toMatch(message);
    }
    expect(await counts()).toEqual({ regions: 0, people: 0 });
  });

  it('creates the root region, a system and a security administrator who sign in, then refuses to run again', async () => {
    const { region, admin, securityAdmin } = await bootstrapOrganization(dataSource, { ...INPUT, username: ' Admin ' });
    expect(region).toEqual({ code: '990100', name: '江湾市', level: 'CITY', parentCode: null });
    expect(admin).toMatchObject({ name: '系统管理员', roles: [Role.ADMIN], regionCode: '990100', username: 'admin' });
    expect(securityAdmin).toMatchObject({ name: '安全管理员', roles: [Role.SECURITY_ADMIN], regionCode: '990100', username: 'security' });
    const sessions = new SessionService(dataSource, AUTH_SECRET);
    expect((await sessions.login('admin', 'FirstAdmin2026')).viewer).toMatchObject({ id: admin.id, roles: [Role.ADMIN], regionCode: '990100' });
    expect((await sessions.login('security', 'FirstSecurity2026')).viewer).toMatchObject({ id: securityAdmin.id, roles: [Role.SECURITY_ADMIN], regionCode: '990100' });

    const again = await refusal({ username: 'second.admin', securityUsername: 'second.security' });
    expect(again).toMatchObject({ code: 'CONFLICT' });
    expect(again.message).toContain('已有可登录的系统管理员或安全管理员账号');
    expect(await counts()).toEqual({ regions: 1, people: 2 });
  });

  it('runs again only when neither administrator can sign in, keeping the root and refusing another one', async () => {
    await dataSource.getRepository(Person).update({ username: 'admin' }, { passwordHash: null });
    // the security administrator alone is enough to refuse
    expect(await refusal({ username: 'second.admin', securityUsername: 'second.security' })).toMatchObject({ code: 'CONFLICT' });
    await dataSource.getRepository(Person).update({ username: 'security' }, { passwordHash: null });
    expect(await refusal({ regionCode: '330100', username: 'second.admin', securityUsername: 'second.security' })).toMatchObject({ code: 'CONFLICT', field: 'regionCode' });
    expect(await refusal({ username: 'admin', securityUsername: 'second.security' })).toMatchObject({ code: 'CONFLICT', field: 'username' });
    expect(await refusal({ username: 'second.admin' })).toMatchObject({ code: 'CONFLICT', field: 'securityUsername' });
    const { region } = await bootstrapOrganization(dataSource, { ...INPUT, regionName: '不会改名', username: 'second.admin', securityUsername: 'second.security' });
    expect(region.name).toBe('江湾市');
    expect(await counts()).toEqual({ regions: 1, people: 4 });
  });
});
