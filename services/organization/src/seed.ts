import { Role } from '@bizenv/common/auth';
import { inTransaction } from '@bizenv/common/data-source';
import { DEMO_CITY_CODE, DEMO_REGIONS, DEMO_UNITS } from '@bizenv/common/demo-city';
import { stableId } from '@bizenv/common/stable-id';
import type { DataSource } from 'typeorm';
import type { RegionLevel } from './region/region-level.js';
import { Region } from './region/region.entity.js';
import type { UnitKind } from './unit/unit-kind.js';
import { Unit } from './unit/unit.entity.js';
import { hashPassword } from './user/password.js';
import { User } from './user/user.entity.js';

/** Password of every demo account (listed in the README); demo mode only. */
export const DEMO_PASSWORD = 'Demo@2026';

export const DEMO_ACCOUNTS: { username: string; displayName: string; roles: Role[]; regionCode: string; unitKey?: string }[] = [
  { username: 'admin', displayName: '系统管理员', roles: [Role.ADMIN], regionCode: DEMO_CITY_CODE },
  { username: 'city.leader', displayName: '市领导', roles: [Role.LEADER], regionCode: DEMO_CITY_CODE },
  { username: 'linjiang.leader', displayName: '临江区领导', roles: [Role.LEADER], regionCode: '990102' },
  { username: 'hotline', displayName: '12345热线受理员', roles: [Role.HOTLINE_OPERATOR], regionCode: DEMO_CITY_CODE },
  { username: 'supervisor', displayName: '市营商办督办员', roles: [Role.SUPERVISOR], regionCode: DEMO_CITY_CODE },
  { username: 'ambassador', displayName: '市级服务大使', roles: [Role.SERVICE_AMBASSADOR], regionCode: DEMO_CITY_CODE },
  { username: 'handler', displayName: '临江区市场监管局承办人', roles: [Role.UNIT_HANDLER], regionCode: '990102', unitKey: '990102-market' },
  { username: 'screen', displayName: '指挥中心大屏', roles: [Role.SCREEN], regionCode: DEMO_CITY_CODE },
];

export async function seedOrganization(dataSource: DataSource): Promise<void> {
  if (await dataSource.getRepository(Region).count()) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await inTransaction(dataSource, async (manager) => {
    await manager.insert(
      Region,
      DEMO_REGIONS.map((r) => ({ ...r, level: r.level as RegionLevel })),
    );
    await manager.insert(
      Unit,
      DEMO_UNITS.map((u) => ({ id: stableId(u.key), name: u.name, kind: u.kind as UnitKind, regionCode: u.regionCode })),
    );
    await manager.insert(
      User,
      DEMO_ACCOUNTS.map(({ unitKey, ...a }) => ({
        ...a,
        id: stableId(`user:${a.username}`),
        passwordHash,
        roles: a.roles.join(','),
        unitId: unitKey ? stableId(unitKey) : null,
      })),
    );
  });
}
