import { randomUUID } from 'node:crypto';
import { Permission, requireCaller, requirePermission, type Caller } from '@bizenv/common/auth';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import { inTransaction } from '@bizenv/common/data-source';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { isWithin, subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireText, requireUuid } from '@bizenv/common/validate';
import { In, IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { Person } from '../person/person.entity.js';
import { whereNameContains } from '../name-contains.js';
import { requireRegionExists, requireUnitOnBranch } from '../references.js';
import { Unit } from '../unit/unit.entity.js';
import type { AddGroupMemberInput, CreateGroupInput, GroupFilter, RemoveGroupMemberInput, UpdateGroupInput } from './group-inputs.js';
import { GroupMember } from './group-member.entity.js';
import type { GroupPersonMember, GroupUnitMember } from './group-members.js';
import { Group } from './group.entity.js';

export class GroupService {
  constructor(private readonly dataSource: DataSource) {}

  /** Another district's group: FORBIDDEN. */
  async get(caller: Caller | null, id: string): Promise<Group> {
    requirePermission(caller, Permission.ORG_READ);
    const group = await this.dataSource.getRepository(Group).findOneBy({ id });
    if (!group) throw new DomainError(ErrorCode.NotFound, '未找到该组织', { id });
    requirePermission(caller, Permission.ORG_READ, group.regionCode);
    return group;
  }

  list(caller: Caller | null, filter: GroupFilter, page: PageArgs): Promise<Page<Group>> {
    const regionCode = requireRegionCode(filter.regionCode ?? requireCaller(caller).regionCode, 'filter.regionCode');
    requirePermission(caller, Permission.ORG_READ, regionCode);
    const query = this.dataSource
      .getRepository(Group)
      .createQueryBuilder('g')
      .where('g.regionCode LIKE :region', { region: `${subtreePrefix(regionCode)}%` });
    if (filter.kind) query.andWhere('g.kind = :kind', { kind: filter.kind });
    if (filter.parentId) query.andWhere('g.parentId = :parentId', { parentId: filter.parentId });
    whereNameContains(query, 'g.name', filter.nameContains);
    return paginate(query, [
      { column: 'g.regionCode', property: 'regionCode' },
      { column: 'g.name', property: 'name' },
      { column: 'g.id', property: 'id' },
    ], page);
  }

  /** A parent outside the caller's scope (a city group above a district's) is not revealed. */
  async parentOf(caller: Caller | null, group: Group): Promise<Group | null> {
    if (!group.parentId) return null;
    const parent = await this.dataSource.getRepository(Group).findOneBy({ id: group.parentId });
    return parent && caller && isWithin(parent.regionCode, caller.regionCode) ? parent : null;
  }

  /** Children lie within their parent's region, so whoever sees the parent sees them. */
  children(group: Group): Promise<Group[]> {
    return this.dataSource.getRepository(Group).find({ where: { parentId: group.id }, order: { name: 'ASC', id: 'ASC' } });
  }

  async leaderOf(group: Group): Promise<Person | null> {
    return group.leaderId ? this.dataSource.getRepository(Person).findOneBy({ id: group.leaderId }) : null;
  }

  async memberPeople(group: Group): Promise<GroupPersonMember[]> {
    const members = await this.dataSource.getRepository(GroupMember).find({ where: { groupId: group.id, personId: Not(IsNull()) }, order: { id: 'ASC' } });
    if (!members.length) return [];
    const people = await this.dataSource.getRepository(Person).findBy({ id: In(members.map((m) => m.personId!)) });
    const byId = new Map(people.map((person) => [person.id, person]));
    return members.flatMap((m) => (byId.has(m.personId!) ? [{ person: byId.get(m.personId!)!, duty: m.duty }] : []));
  }

  async memberUnits(group: Group): Promise<GroupUnitMember[]> {
    const members = await this.dataSource.getRepository(GroupMember).find({ where: { groupId: group.id, unitId: Not(IsNull()) }, order: { id: 'ASC' } });
    if (!members.length) return [];
    const units = await this.dataSource.getRepository(Unit).findBy({ id: In(members.map((m) => m.unitId!)) });
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    return members.flatMap((m) => (byId.has(m.unitId!) ? [{ unit: byId.get(m.unitId!)!, duty: m.duty }] : []));
  }

  async create(caller: Caller | null, input: CreateGroupInput): Promise<Group> {
    const regionCode = requireRegionCode(input.regionCode);
    requirePermission(caller, Permission.ORG_ADMIN, regionCode);
    const group: Group = {
      id: randomUUID(),
      name: requireText(input.name, 'name', '名称', 100),
      kind: input.kind,
      regionCode,
      parentId: optionalId(input.parentId, 'parentId', '上级组织'),
      leaderId: optionalId(input.leaderId, 'leaderId', '负责人'),
      leadUnitId: optionalId(input.leadUnitId, 'leadUnitId', '牵头单位'),
    };
    return inTransaction(this.dataSource, async (manager) => {
      await requireRegionExists(manager, regionCode);
      await checkParent(manager, caller, group);
      await checkLeader(manager, group);
      if (group.leadUnitId) await requireUnitOnBranch(manager, group.leadUnitId, group.regionCode, 'leadUnitId');
      await manager.insert(Group, group);
      return group;
    });
  }

  /** Only what the input names is changed and checked; the region stays (its people and children depend on it). */
  update(caller: Caller | null, input: UpdateGroupInput): Promise<Group> {
    return inTransaction(this.dataSource, async (manager) => {
      const group = await managed(manager, caller, input.id);
      const next: Group = { ...group };
      if (input.name !== undefined) next.name = requireText(input.name ?? '', 'name', '名称', 100);
      if (input.kind != null) next.kind = input.kind;
      if (input.parentId !== undefined) {
        next.parentId = optionalId(input.parentId, 'parentId', '上级组织');
        await checkParent(manager, caller, next);
      }
      if (input.leaderId !== undefined) {
        next.leaderId = optionalId(input.leaderId, 'leaderId', '负责人');
        await checkLeader(manager, next);
      }
      if (input.leadUnitId !== undefined) {
        next.leadUnitId = optionalId(input.leadUnitId, 'leadUnitId', '牵头单位');
        if (next.leadUnitId) await requireUnitOnBranch(manager, next.leadUnitId, next.regionCode, 'leadUnitId');
      }
      const { id, ...changes } = next;
      await manager.update(Group, { id }, changes);
      return next;
    });
  }

  addMember(caller: Caller | null, input: AddGroupMemberInput): Promise<Group> {
    const member = memberOf(input);
    const duty = input.duty == null ? null : requireText(input.duty, 'duty', '组内职务', 32);
    return inTransaction(this.dataSource, async (manager) => {
      const group = await managed(manager, caller, input.groupId);
      if ('personId' in member) await requirePersonWithin(manager, member.personId, group, 'personId');
      else await requireUnitOnBranch(manager, member.unitId, group.regionCode, 'unitId');
      if (await manager.existsBy(GroupMember, { groupId: group.id, ...member })) {
        throw new DomainError(ErrorCode.Conflict, '已是该组成员', { field: fieldOf(member) });
      }
      await manager.insert(GroupMember, { groupId: group.id, personId: null, unitId: null, duty, ...member });
      return group;
    });
  }

  removeMember(caller: Caller | null, input: RemoveGroupMemberInput): Promise<Group> {
    const member = memberOf(input);
    return inTransaction(this.dataSource, async (manager) => {
      const group = await managed(manager, caller, input.groupId);
      const { affected } = await manager.delete(GroupMember, { groupId: group.id, ...member });
      if (!affected) throw new DomainError(ErrorCode.NotFound, '不是该组成员', { field: fieldOf(member) });
      return group;
    });
  }
}

/** A group the caller may change: ORG_ADMIN in the group's region. */
async function managed(manager: EntityManager, caller: Caller | null, id: string): Promise<Group> {
  requirePermission(caller, Permission.ORG_ADMIN);
  const group = await manager.findOneBy(Group, { id });
  if (!group) throw new DomainError(ErrorCode.NotFound, '未找到该组织', { id });
  requirePermission(caller, Permission.ORG_ADMIN, group.regionCode);
  return group;
}

type MemberKey = { personId: string } | { unitId: string };

/** Exactly one of a person and a unit. */
function memberOf(input: { personId?: string | null; unitId?: string | null }): MemberKey {
  if (input.personId && !input.unitId) return { personId: input.personId };
  if (input.unitId && !input.personId) return { unitId: input.unitId };
  throw new DomainError(ErrorCode.BadUserInput, '请在 personId（人员）与 unitId（单位）中选填一项', { field: 'personId' });
}

function fieldOf(member: MemberKey): string {
  return 'personId' in member ? 'personId' : 'unitId';
}

/**
 * The parent exists, is in the caller's scope, is not this group or one of its descendants
 * (walking up from the parent must never reach the group), and contains this group's region.
 */
async function checkParent(manager: EntityManager, caller: Caller | null, group: Group): Promise<void> {
  if (!group.parentId) return;
  const parent = await manager.findOneBy(Group, { id: group.parentId });
  if (!parent) throw new DomainError(ErrorCode.NotFound, '未找到上级组织', { field: 'parentId', id: group.parentId });
  if (!isWithin(parent.regionCode, requireCaller(caller).regionCode)) {
    throw new DomainError(ErrorCode.Forbidden, '上级组织不在本账号的管理范围内', { field: 'parentId' });
  }
  const seen = new Set<string>();
  for (let ancestor: Group | null = parent; ancestor && !seen.has(ancestor.id); ancestor = ancestor.parentId ? await manager.findOneBy(Group, { id: ancestor.parentId }) : null) {
    if (ancestor.id === group.id) {
      throw new DomainError(ErrorCode.BadUserInput, '不能把本组设为自身或其下级组织的下级（上下级关系将成环）', { field: 'parentId' });
    }
    seen.add(ancestor.id);
  }
  if (!isWithin(group.regionCode, parent.regionCode)) {
    throw new DomainError(ErrorCode.BadUserInput, `本组所在区域须在上级组织“${parent.name}”所在区域范围内`, { field: 'parentId' });
  }
}

async function checkLeader(manager: EntityManager, group: Group): Promise<void> {
  if (group.leaderId) await requirePersonWithin(manager, group.leaderId, group, 'leaderId');
}

/** A group's people lie within its region, so whoever may see the group may see them. */
async function requirePersonWithin(manager: EntityManager, id: string, group: Group, field: string): Promise<Person> {
  const person = await manager.findOneBy(Person, { id });
  if (!person) throw new DomainError(ErrorCode.NotFound, '未找到该人员', { field, id });
  if (!isWithin(person.regionCode, group.regionCode)) {
    throw new DomainError(ErrorCode.BadUserInput, `“${person.name}”不在本组所在区域（含下级）内，不能加入或牵头本组`, { field });
  }
  return person;
}

/** An optional reference: absent or null clears it; anything else must be an id ('' is not "none"). */
function optionalId(value: string | null | undefined, field: string, label: string): string | null {
  return value == null ? null : requireUuid(value, field, label);
}
