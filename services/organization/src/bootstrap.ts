import { randomUUID } from 'node:crypto';
import { Role } from '@bizenv/common/auth';
import { inTransaction } from '@bizenv/common/data-source';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { requireText } from '@bizenv/common/validate';
import { IsNull, Not, type DataSource } from 'typeorm';
import { NO_FAILED_SIGN_INS } from './person/lockout.js';
import { hashPassword, requireStrongPassword } from './person/password.js';
import { Person } from './person/person.entity.js';
import { whereRole } from './person/role-filter.js';
import { requireUsername } from './person/username.js';
import { RegionLevel } from './region/region-level.js';
import { checkPlacement } from './region/region-placement.js';
import { Region } from './region/region.entity.js';

export interface BootstrapInput {
  regionCode: string;
  regionName: string;
  /** The system administrator (ADMIN). */
  username: string;
  name: string;
  password: string;
  /** The security administrator (SECURITY_ADMIN), who then gives everyone else their roles and accounts. */
  securityUsername: string;
  securityName: string;
  securityPassword: string;
}

/** One of the first two administrators, checked before anything is stored. */
async function firstAdministrator(role: Role, regionCode: string, username: string, name: string, password: string, prefix: string): Promise<Person> {
  const field = (f: string) => (prefix ? `${prefix}${f[0].toUpperCase()}${f.slice(1)}` : f);
  return {
    id: randomUUID(),
    name: requireText(name, field('name'), '姓名', 64),
    title: role === Role.ADMIN ? '系统管理员' : '安全管理员',
    unitId: null,
    regionCode,
    roles: [role],
    username: requireUsername(username, field('username')),
    passwordHash: await hashPassword(requireStrongPassword(password, field('password'))),
    ...NO_FAILED_SIGN_INS,
  };
}

/**
 * A production deployment seeds nothing, so its first administrators come from here (三员分立):
 * the root region (a city), a system administrator (ADMIN) and a security administrator
 * (SECURITY_ADMIN), each with an account; the security administrator then makes the auditor
 * and gives everyone else their roles. Refused while a system or security administrator who can
 * sign in exists; the regions below the root are then loaded with `importRegions`.
 */
export async function bootstrapOrganization(dataSource: DataSource, input: BootstrapInput): Promise<{ region: Region; admin: Person; securityAdmin: Person }> {
  const root: Region = { code: input.regionCode, name: requireText(input.regionName, 'regionName', '区划名称', 64), level: RegionLevel.CITY, parentCode: null };
  checkPlacement(root);
  const admin = await firstAdministrator(Role.ADMIN, root.code, input.username, input.name, input.password, '');
  const securityAdmin = await firstAdministrator(Role.SECURITY_ADMIN, root.code, input.securityUsername, input.securityName, input.securityPassword, 'security');
  if (admin.username === securityAdmin.username) throw new DomainError(ErrorCode.BadUserInput, '系统管理员与安全管理员须使用不同的用户名', { field: 'securityUsername' });
  return inTransaction(dataSource, async (manager) => {
    for (const role of [Role.ADMIN, Role.SECURITY_ADMIN]) {
      const administrators = manager.getRepository(Person).createQueryBuilder('p').where('p.passwordHash IS NOT NULL');
      whereRole(administrators, 'p.roles', role);
      if (await administrators.getExists()) {
        throw new DomainError(ErrorCode.Conflict, '已有可登录的系统管理员或安全管理员账号，不再初始化；请用该账号登录后管理区划和人员');
      }
    }
    const otherRoot = await manager.findOneBy(Region, { parentCode: IsNull(), code: Not(root.code) });
    if (otherRoot) throw new DomainError(ErrorCode.Conflict, `已有根区划 ${otherRoot.code}（${otherRoot.name}），请使用该代码`, { field: 'regionCode' });
    const region = await manager.findOneBy(Region, { code: root.code });
    if (region?.parentCode) throw new DomainError(ErrorCode.Conflict, `行政区划 ${root.code} 已存在且不是根区划`, { field: 'regionCode' });
    if (!region) await manager.insert(Region, root);
    for (const [person, field] of [[admin, 'username'], [securityAdmin, 'securityUsername']] as const) {
      if (await manager.existsBy(Person, { username: person.username! })) throw new DomainError(ErrorCode.Conflict, '该用户名已被使用', { field });
    }
    // One at a time: an array insert on sql.js handed each row the other's id.
    for (const person of [admin, securityAdmin]) await manager.insert(Person, person);
    return { region: region ?? root, admin, securityAdmin };
  });
}
