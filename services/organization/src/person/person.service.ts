import { randomUUID } from 'node:crypto';
import { AuditResult } from '@bizenv/common/audit-entry.entity';
import { appendAudit } from '@bizenv/common/audit-log';
import { Permission, permissionsOf, requireAnyPermission, requireCaller, requirePermission, Role, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import { inTransaction } from '@bizenv/common/data-source';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { isWithin, subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireText } from '@bizenv/common/validate';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { OrgAuditAction } from '../audit/org-audit-action.js';
import { GroupMember } from '../group/group-member.entity.js';
import { Group } from '../group/group.entity.js';
import { whereNameContains } from '../name-contains.js';
import { requireRegionExists, requireUnitOnBranch } from '../references.js';
import { hashPassword, requireStrongPassword } from './password.js';
import type { CreatePersonInput, PersonFilter, UpdatePersonInput } from './person-inputs.js';
import { Person } from './person.entity.js';
import { lockedAt, NO_FAILED_SIGN_INS } from './lockout.js';
import { whereRole } from './role-filter.js';
import { grantableRoles, isAdministrator, requireSecurityAdmin, sameRoles } from './role-grant.js';
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

  /** The sign-in name, for organisation and security administrators of the person's region only. */
  usernameFor(caller: Caller | null, person: Person): string | null {
    return administers(caller, person, [Permission.ORG_ADMIN, Permission.SECURITY_ADMIN]) ? person.username : null;
  }

  /** Until when the account is locked (null: it is not), for security administrators of the person's region only. */
  lockedUntilFor(caller: Caller | null, person: Person): Date | null {
    return administers(caller, person, [Permission.SECURITY_ADMIN]) ? lockedAt(person, now()) : null;
  }

  async create(caller: Caller | null, input: CreatePersonInput): Promise<Person> {
    const regionCode = requireRegionCode(input.regionCode);
    const admin = requireAnyPermission(caller, PEOPLE_ADMINS, regionCode);
    const person: Person = {
      id: randomUUID(),
      name: requireText(input.name, 'name', '姓名', 64),
      title: input.title == null ? null : requireText(input.title, 'title', '职务', 64),
      unitId: input.unitId ?? null,
      regionCode,
      roles: grantableRoles(admin, null, regionCode, input.roles, []),
      username: null,
      passwordHash: null,
      ...NO_FAILED_SIGN_INS,
    };
    return inTransaction(this.dataSource, async (manager) => {
      await requireRegionExists(manager, regionCode);
      await checkUnit(manager, person);
      await manager.insert(Person, person);
      if (person.roles.length) await auditRoles(manager, admin, person, []);
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
      if (input.roles != null) next.roles = grantableRoles(admin, person.id, person.regionCode, input.roles, person.roles);
      if (input.regionCode != null && input.regionCode !== person.regionCode) {
        next.regionCode = requireRegionCode(input.regionCode);
        requireAnyPermission(caller, PEOPLE_ADMINS, next.regionCode);
        await requireRegionExists(manager, next.regionCode);
        await checkGroupsStillContain(manager, next);
      }
      await checkUnit(manager, next);
      const { id, ...changes } = next;
      await manager.update(Person, { id }, changes);
      if (!sameRoles(next.roles, person.roles)) await auditRoles(manager, admin, next, person.roles);
      return next;
    });
  }

  /** Gives the person an account, or a new username or password; re-enables a disabled one. */
  async setAccount(caller: Caller | null, personId: string, username: string, password: string): Promise<Person> {
    requirePermission(caller, Permission.SECURITY_ADMIN);
    const name = requireUsername(username);
    const passwordHash = await hashPassword(requireStrongPassword(password));
    return inTransaction(this.dataSource, async (manager) => {
      const { person, admin } = await accountOf(manager, caller, personId);
      const holder = await manager.findOneBy(Person, { username: name });
      if (holder && holder.id !== person.id) throw new DomainError(ErrorCode.Conflict, '该用户名已被使用', { field: 'username' });
      // A new password also lifts a lock: the person was told it by the security administrator.
      await manager.update(Person, { id: person.id }, { username: name, passwordHash, ...NO_FAILED_SIGN_INS });
      await audit(manager, admin, OrgAuditAction.ACCOUNT_SET, person, `开通账号、修改用户名或重设密码（用户名 ${name}）`);
      return { ...person, username: name, passwordHash, ...NO_FAILED_SIGN_INS };
    });
  }

  /** Lifts a lock (too many failed sign-ins) before its time. */
  async unlockAccount(caller: Caller | null, personId: string): Promise<Person> {
    return inTransaction(this.dataSource, async (manager) => {
      const { person, admin } = await accountOf(manager, caller, personId);
      if (!lockedAt(person, now())) throw new DomainError(ErrorCode.BadUserInput, '该账号未被锁定', { field: 'personId' });
      await manager.update(Person, { id: person.id }, NO_FAILED_SIGN_INS);
      await audit(manager, admin, OrgAuditAction.ACCOUNT_UNLOCKED, person, null);
      return { ...person, ...NO_FAILED_SIGN_INS };
    });
  }

  /** Nobody can sign in as the person any more; the username stays reserved for them. */
  async disableAccount(caller: Caller | null, personId: string): Promise<Person> {
    return inTransaction(this.dataSource, async (manager) => {
      const { person, admin } = await accountOf(manager, caller, personId);
      if (!person.username) throw new DomainError(ErrorCode.BadUserInput, '该人员没有登录账号', { field: 'personId' });
      await manager.update(Person, { id: person.id }, { passwordHash: null });
      await audit(manager, admin, OrgAuditAction.ACCOUNT_DISABLED, person, null);
      return { ...person, passwordHash: null };
    });
  }
}

/** People's records (name, title, unit, region) are kept by organisation and security administrators. */
const PEOPLE_ADMINS = [Permission.ORG_ADMIN, Permission.SECURITY_ADMIN];

function administers(caller: Caller | null, person: Person, permissions: Permission[]): boolean {
  const held = caller ? permissionsOf(caller) : new Set<Permission>();
  return !!caller && permissions.some((p) => held.has(p)) && isWithin(person.regionCode, caller.regionCode);
}

async function found(manager: EntityManager, id: string): Promise<Person> {
  const person = await manager.findOneBy(Person, { id });
  if (!person) throw new DomainError(ErrorCode.NotFound, '未找到该人员', { id });
  return person;
}

/**
 * A person whose record the caller may change: in their region; one of the three
 * administrators only by a security administrator.
 */
async function managed(manager: EntityManager, caller: Caller | null, id: string): Promise<Person> {
  requireAnyPermission(caller, PEOPLE_ADMINS);
  const person = await found(manager, id);
  requireAnyPermission(caller, PEOPLE_ADMINS, person.regionCode);
  if (isAdministrator(person.roles)) requireSecurityAdmin(caller, person.regionCode);
  return person;
}

/** A person whose account (username, password, lock) the caller may manage: security administrators of their region. */
async function accountOf(manager: EntityManager, caller: Caller | null, id: string): Promise<{ person: Person; admin: Caller }> {
  requirePermission(caller, Permission.SECURITY_ADMIN);
  const person = await found(manager, id);
  return { person, admin: requireSecurityAdmin(caller, person.regionCode) };
}

function audit(manager: EntityManager, actor: Caller, action: OrgAuditAction, person: Person, detail: string | null) {
  return appendAudit(manager, { actor, action, targetId: person.id, result: AuditResult.ALLOWED, detail: `${person.name}${detail ? `：${detail}` : ''}` });
}

function auditRoles(manager: EntityManager, actor: Caller, person: Person, previous: Role[]) {
  const list = (roles: Role[]) => (roles.length ? roles.join(',') : '无');
  return audit(manager, actor, OrgAuditAction.ROLE_CHANGE, person, `角色 ${list(previous)} → ${list(person.roles)}`);
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
