import { inTransaction } from '@bizenv/common/data-source';
import { DEMO_CITY_CODE, DEMO_REGIONS, DEMO_UNITS } from '@bizenv/common/demo-city';
import { stableId } from '@bizenv/common/stable-id';
import { In, type DataSource } from 'typeorm';
import type { RegionLevel } from './region/region-level.js';
import { Region } from './region/region.entity.js';
import type { UnitCategory } from './unit/unit-category.js';
import type { UnitKind } from './unit/unit-kind.js';
import { Unit } from './unit/unit.entity.js';
import { demoGroupRows } from './group/demo-groups.js';
import { GroupMember } from './group/group-member.entity.js';
import { Group } from './group/group.entity.js';
import { DEMO_PEOPLE, demoPersonRows } from './person/demo-people.js';
import { hashPassword } from './person/password.js';
import { Person } from './person/person.entity.js';

/**
 * Password of every demo account (listed in the README); demo mode only. Older than the policy
 * for accounts set by an administrator (`requireStrongPassword`), and kept: docs and scripts use it.
 */
export const DEMO_PASSWORD = 'Demo@2026';

export async function seedOrganization(dataSource: DataSource): Promise<void> {
  if (await dataSource.getRepository(Region).count()) return seedNewDemoAccounts(dataSource);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await inTransaction(dataSource, async (manager) => {
    await manager.insert(
      Region,
      DEMO_REGIONS.map((r) => ({ ...r, level: r.level as RegionLevel })),
    );
    await manager.insert(
      Unit,
      DEMO_UNITS.map((u) => ({ id: stableId(u.key), name: u.name, kind: u.kind as UnitKind, category: u.category as UnitCategory | null, regionCode: u.regionCode })),
    );
    await manager.insert(Person, demoPersonRows(passwordHash));
    const { groups, members } = demoGroupRows();
    await manager.insert(Group, groups);
    await manager.insert(GroupMember, members);
  });
}

/** A demo database from before a demo account was added (the security administrator, the auditor) gets it too. */
async function seedNewDemoAccounts(dataSource: DataSource): Promise<void> {
  if (!(await dataSource.getRepository(Region).existsBy({ code: DEMO_CITY_CODE }))) return;
  const people = dataSource.getRepository(Person);
  const keys = DEMO_PEOPLE.filter((p) => p.account).map((p) => p.key);
  const existing = new Set((await people.findBy({ username: In(keys) })).map((p) => p.username));
  const missing = keys.filter((key) => !existing.has(key));
  if (!missing.length) return;
  const rows = demoPersonRows(await hashPassword(DEMO_PASSWORD)).filter((row) => row.username && missing.includes(row.username));
  for (const row of rows) await people.insert(row);
}
