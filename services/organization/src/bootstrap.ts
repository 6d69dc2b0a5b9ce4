import { randomUUID } from 'node:crypto';
import { Role } from '@bizenv/common/auth';
import { inTransaction } from '@bizenv/common/data-source';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { requireText } from '@bizenv/common/validate';
import { IsNull, Not, type DataSource } from 'typeorm';
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
  username: string;
  name: string;
  password: string;
}

/**
 * A production deployment seeds nothing, so its first administrator comes from here: the root
 * region (a city) and one ADMIN person with an account. Refused while an administrator who can
 * sign in exists; the regions below the root are then loaded with `importRegions`.
 */
export async function bootstrapOrganization(dataSource: DataSource, input: BootstrapInput): Promise<{ region: Region; admin: Person }> {
  const root: Region = { code: input.regionCode, name: requireText(input.regionName, 'regionName', '区划名称', 64), level: RegionLevel.CITY, parentCode: null };
  checkPlacement(root);
  const username = requireUsername(input.username);
  const name = requireText(input.name, 'name', '姓名', 64);
  const passwordHash = await hashPassword(requireStrongPassword(input.password));
  return inTransaction(dataSource, async (manager) => {
    const administrators = manager.getRepository(Person).createQueryBuilder('p').where('p.passwordHash IS NOT NULL');
    whereRole(administrators, 'p.roles', Role.ADMIN);
    if (await administrators.getExists()) {
      throw new DomainError(ErrorCode.Conflict, '已有可登录的管理员账号，不再初始化；请用该账号登录后管理区划和人员');
    }
    const otherRoot = await manager.findOneBy(Region, { parentCode: IsNull(), code: Not(root.code) });
    if (otherRoot) throw new DomainError(ErrorCode.Conflict, `已有根区划 ${otherRoot.code}（${otherRoot.name}），请使用该代码`, { field: 'regionCode' });
    const region = await manager.findOneBy(Region, { code: root.code });
    if (region?.parentCode) throw new DomainError(ErrorCode.Conflict, `行政区划 ${root.code} 已存在且不是根区划`, { field: 'regionCode' });
    if (!region) await manager.insert(Region, root);
    if (await manager.existsBy(Person, { username })) throw new DomainError(ErrorCode.Conflict, '该用户名已被使用', { field: 'username' });
    const admin: Person = { id: randomUUID(), name, title: '系统管理员', unitId: null, regionCode: root.code, roles: [Role.ADMIN], username, passwordHash };
    await manager.insert(Person, admin);
    return { region: region ?? root, admin };
  });
}
