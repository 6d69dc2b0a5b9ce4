import { randomUUID } from 'node:crypto';
import { Permission, permissionsOf, requireCaller, requirePermission, Role, type Caller } from '@bizenv/common/auth';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import { inTransaction } from '@bizenv/common/data-source';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { isWithin, subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireText } from '@bizenv/common/validate';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { GroupMember } from '../group/group-member.entity.js';
import { Group } from '../group/group.entity.js';
import { whereNameContains } from '../name-contains.js';
import { requireRegionExists, requireUnitOnBranch } from '../references.js';
import { hashPassword, requireStrongPassword } from './password.js';
import type { CreatePersonInput, PersonFilter, UpdatePersonInput } from './person-inputs.js';
import { Person } from './person.entity.js';
import { whereRole } from './role-filter.js';
import { requireUsername } from './username.js';

export class PersonService {
  constructor(private readonly dataSource: DataSource) {}

  /** Another district's person: FORBIDDEN, as for any item outside the caller's subtree. */
  async get(caller: Caller | null, id: string): Promise<Person> {
    requirePermission(caller, Permission.ORG_READ);
    const person = await this.dataSource.getRepository(Person).findOneBy({ id });
    if (!person) throw new DomainError(ErrorCode.NotFound, '未找到该人员', { id });
    requirePermission(caller, Permission.ORG_READ, person.regionCode);
    return person;
  }

  /** People of a region's subtree, by region, name and id; org data is read by region, not by unit. */
  list(caller: Caller | null, filter: PersonFilter, page: PageArgs): Promise<Page<Person>> {
    const regionCode = requireRegionCode(filter.regionCode ?? requireCaller(caller).regionCode, 'filter.regionCode');
    requirePermission(caller, Permission.ORG_READ, regionCode);
    const query = this.dataSource
      .getRepository(Person)
      .createQueryBuilder('p')
      .where('p.regionCode LIKE :region', { region: `${subtreePrefix(regionCode)}%` });
    if (filter.unitId) query.andWhere('p.unitId = :unitId', { unitId: filter.unitId });
    if (filter.role) whereRole(query, 'p.roles', filter.role);
    whereNameContains(query, 'p.name', filter.nameContains);
    return paginate(query, [
      { column: 'p.regionCode', property: 'regionCode' },
      { column: 'p.name', property: 'name' },
      { column: 'p.id', property: 'id' },
    ], page);
  }

  /** The sign-in name, for administrators of the person's region only. */
  usernameFor(caller: Caller | null, person: Person): string | null {
    const admin = caller && permissionsOf(caller).has(Permission.ORG_ADMIN) && isWithin(person.regionCode, caller.regionCode);
    return admin ? person.username : null;
  }

  async create(caller: Caller | null, input: CreatePersonInput): Promise<Person> {
    const regionCode = requireRegionCode(input.regionCode);
    const admin = requirePermission(caller, Permission.ORG_ADMIN, regionCode);
    const person: Person = {
      id: randomUUID(),
      name: requireText(input.name, 'name', '姓名', 64),
      title: input.title == null ? null : requireText(input.title, 'title', '职务', 64),
      unitId: input.unitId ?? null,
      regionCode,
      roles: grantableRoles(admin, input.roles, []),
      username: null,
      passwordHash: null,
    };
    return inTransaction(this.dataSource, async (manager) => {
      await requireRegionExists(manager, regionCode);
      await checkUnit(manager, person);
      await manager.insert(Person, person);
      return person;
    });
  }

  async update(caller: Caller | null, input: UpdatePersonInput): Promise<Person> {
    return inTransaction(this.dataSource, async (manager) => {
      const person = await managed(manager, caller, input.id);
      const admin = requireCaller(caller);
      const next: Person = { ...person };
      if (input.name !== undefined) next.name = requireText(input.name ?? '', 'name', '姓名', 64);
      if (input.title !== undefined) next.title = input.title === null ? null : requireText(input.title, 'title', '职务', 64);
      if (input.unitId !== undefined) next.unitId = input.unitId;
      if (input.roles != null) next.roles = grantableRoles(admin, input.roles, person.roles);
      if (input.regionCode != null && input.regionCode !== person.regionCode) {
        next.regionCode = requireRegionCode(input.regionCode);
        requirePermission(caller, Permission.ORG_ADMIN, next.regionCode);
        await requireRegionExists(manager, next.regionCode);
        await checkGroupsStillContain(manager, next);
      }
      await checkUnit(manager, next);
      const { id, ...changes } = next;
      await manager.update(Person, { id }, changes);
      return next;
    });
  }

  /** Gives the person an account, or a new username or password; re-enables a disabled one. */
  async setAccount(caller: Caller | null, personId: string, username: string, password: string): Promise<Person> {
    requirePermission(caller, Permission.ORG_ADMIN);
    const name = requireUsername(username);
    const passwordHash = await hashPassword(requireStrongPassword(password));
    return inTransaction(this.dataSource, async (manager) => {
      const person = await managed(manager, caller, personId);
      const holder = await manager.findOneBy(Person, { username: name });
      if (holder && holder.id !== person.id) throw new DomainError(ErrorCode.Conflict, '该用户名已被使用', { field: 'username' });
      await manager.update(Person, { id: person.id }, { username: name, passwordHash });
      return { ...person, username: name, passwordHash };
    });
  }

  /** Nobody can sign in as the person any more; the username stays reserved for them. */
  async disableAccount(caller: Caller | null, personId: string): Promise<Person> {
    return inTransaction(this.dataSource, async (manager) => {
      const person = await managed(manager, caller, personId);
      if (!person.username) throw new DomainError(ErrorCode.BadUserInput, '该人员没有登录账号', { field: 'personId' });
      await manager.update(Person, { id: person.id }, { passwordHash: null });
      return { ...person, passwordHash: null };
    });
  }
}

/** A person the caller may change: in their region with ORG_ADMIN; an administrator only by an ADMIN. */
async function managed(manager: EntityManager, caller: Caller | null, id: string): Promise<Person> {
  requirePermission(caller, Permission.ORG_ADMIN);
  const person = await manager.findOneBy(Person, { id });
  if (!person) throw new DomainError(ErrorCode.NotFound, '未找到该人员', { id });
  const admin = requirePermission(caller, Permission.ORG_ADMIN, person.regionCode);
  if (person.roles.includes(Role.ADMIN)) requireAdminRole(admin);
  return person;
}

/**
 * The roles an administrator may give. INTEGRATOR belongs to API keys, never to a person.
 * ADMIN may be granted or taken away only by a caller who holds the ADMIN role (an API key's
 * org:admin scope is not enough), and — as for every change — only to a person inside the
 * caller's own region subtree: so an ADMIN of a region that contains the person.
 */
function grantableRoles(caller: Caller, roles: Role[], previous: Role[]): Role[] {
  const unique = [...new Set(roles)];
  if (unique.includes(Role.INTEGRATOR)) {
    throw new DomainError(ErrorCode.BadUserInput, 'INTEGRATOR 角色只用于接口密钥，不能授予人员', { field: 'roles' });
  }
  if (unique.includes(Role.ADMIN) !== previous.includes(Role.ADMIN)) requireAdminRole(caller);
  return unique;
}

function requireAdminRole(caller: Caller): void {
  if (!caller.roles.includes(Role.ADMIN)) {
    throw new DomainError(ErrorCode.Forbidden, '只有系统管理员可以授予、撤销管理员角色或管理管理员账号', { field: 'roles' });
  }
}

/** A handler needs a unit to handle anything; a unit must sit on the person's branch. */
async function checkUnit(manager: EntityManager, person: Person): Promise<void> {
  if (person.unitId) await requireUnitOnBranch(manager, person.unitId, person.regionCode, 'unitId');
  else if (person.roles.includes(Role.UNIT_HANDLER)) throw new DomainError(ErrorCode.BadUserInput, '承办人须指定所在单位', { field: 'unitId' });
}

/** A group's people lie within its region (see Group): a move must keep it so. */
async function checkGroupsStillContain(manager: EntityManager, person: Person): Promise<void> {
  const memberships = await manager.findBy(GroupMember, { personId: person.id });
  const groups = [
    ...(await manager.findBy(Group, { leaderId: person.id })),
    ...(memberships.length ? await manager.findBy(Group, { id: In(memberships.map((m) => m.groupId)) }) : []),
  ];
  const outside = groups.find((group) => !isWithin(person.regionCode, group.regionCode));
  if (outside) {
    throw new DomainError(ErrorCode.BadUserInput, `该人员是“${outside.name}”的组长或成员，新区域须在该组所在区域内`, { field: 'regionCode' });
  }
}
