import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { onOneBranch } from '@bizenv/common/region-code';
import type { EntityManager } from 'typeorm';
import { GroupMember } from './group/group-member.entity.js';
import { Group } from './group/group.entity.js';
import { Person } from './person/person.entity.js';
import { Region } from './region/region.entity.js';
import { Unit } from './unit/unit.entity.js';

/** Checks of what a person or a group refers to, inside the writing transaction. */
export async function requireRegionExists(manager: EntityManager, code: string): Promise<void> {
  if (!(await manager.existsBy(Region, { code }))) {
    throw new DomainError(ErrorCode.NotFound, '未找到该行政区划', { field: 'regionCode', code });
  }
}

/**
 * A unit exists and sits on the branch of `regionCode`: the region's own, an ancestor's (a city
 * department in a district group) or a descendant's — never another district's.
 */
export async function requireUnitOnBranch(manager: EntityManager, id: string, regionCode: string, field: string): Promise<Unit> {
  const unit = await manager.findOneBy(Unit, { id });
  if (!unit) throw new DomainError(ErrorCode.NotFound, '未找到该单位', { field, id });
  if (!onOneBranch(unit.regionCode, regionCode)) {
    throw new DomainError(ErrorCode.BadUserInput, `单位“${unit.name}”不属于该区域的上级、本级或下级，不能跨区县关联`, { field });
  }
  return unit;
}

/**
 * Moving a unit to `regionCode` must keep what refers to it on one branch, as when it was
 * linked: its people, and the groups it leads or belongs to.
 */
export async function requireUnitMovable(manager: EntityManager, unit: Unit, regionCode: string): Promise<void> {
  const people = await manager.findBy(Person, { unitId: unit.id });
  const memberships = await manager.findBy(GroupMember, { unitId: unit.id });
  const groups = [
    ...(await manager.findBy(Group, { leadUnitId: unit.id })),
    ...(await Promise.all(memberships.map((m) => manager.findOneByOrFail(Group, { id: m.groupId })))),
  ];
  const stranded = [...people, ...groups].find((linked) => !onOneBranch(linked.regionCode, regionCode));
  if (stranded) {
    throw new DomainError(ErrorCode.BadUserInput, `“${stranded.name}”与该单位关联，迁移后将跨区县，请先调整其归属`, { field: 'regionCode' });
  }
}
