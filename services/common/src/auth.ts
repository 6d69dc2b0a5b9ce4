import { jwtVerify, SignJWT } from 'jose';
import { DomainError, ErrorCode } from './errors.js';
import { isWithin } from './region-code.js';

export enum Role {
  ADMIN = 'ADMIN',
  LEADER = 'LEADER',
  HOTLINE_OPERATOR = 'HOTLINE_OPERATOR',
  UNIT_HANDLER = 'UNIT_HANDLER',
  SUPERVISOR = 'SUPERVISOR',
  DISCIPLINE_INSPECTOR = 'DISCIPLINE_INSPECTOR',
  SERVICE_AMBASSADOR = 'SERVICE_AMBASSADOR',
  /** A wall screen: reads statistics only. */
  SCREEN = 'SCREEN',
  /** Another government system calling with an API key; its permissions are the key's scopes. */
  INTEGRATOR = 'INTEGRATOR',
  /** 安全管理员: people's roles, accounts, passwords, lockouts and API keys (三员分立). */
  SECURITY_ADMIN = 'SECURITY_ADMIN',
  /** 审计管理员: reads and exports the audit logs. */
  AUDITOR = 'AUDITOR',
}

/** 三员: the system, security and audit administrators; nobody holds two of them. */
export const ADMIN_ROLES: readonly Role[] = [Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR];

/** What a caller may do, always within their region subtree. API keys carry these as scopes. */
export enum Permission {
  /** Region statistics and the screen's subscriptions. */
  STATS_READ = 'stats:read',
  ORG_READ = 'org:read',
  ORG_ADMIN = 'org:admin',
  COMPLAINT_READ = 'complaint:read',
  /** 受理: take in a complaint. */
  COMPLAINT_INTAKE = 'complaint:intake',
  /** 转办, 办结, 重办, 不予受理: steer the closed loop. */
  COMPLAINT_DISPATCH = 'complaint:dispatch',
  /** 签收, 退回, 答复: the handling unit's steps, on its own unit's complaints only. */
  COMPLAINT_HANDLE = 'complaint:handle',
  /** The complainant's identity: accepting staff and discipline inspectors only, each view audited. */
  COMPLAINANT_IDENTITY = 'complainant:identity',
  /** 线索移交: approve or decline a clue's transfer, and read transferred clues (discipline inspectors only). */
  CLUE_RECEIVE = 'clue:receive',
  TASK_READ = 'task:read',
  TASK_WRITE = 'task:write',
  /** 整改完成申请, 回复督办, 自查报告: the responsible unit's own steps, on its own unit's items only. */
  TASK_HANDLE = 'task:handle',
  ENTERPRISE_READ = 'enterprise:read',
  ENTERPRISE_WRITE = 'enterprise:write',
  /** 诉求转办, 办结, 重办, 不予受理: steer enterprise demands' closed loop. */
  DEMAND_DISPATCH = 'demand:dispatch',
  /** 诉求签收, 退回, 答复: the handling unit's steps, on demands dispatched to its own unit only. */
  DEMAND_HANDLE = 'demand:handle',
  /** The test clock and other system administration. */
  SYSTEM_ADMIN = 'system:admin',
  /** Roles, accounts, passwords, lockouts and API keys: the security administrator's, never the system administrator's. */
  SECURITY_ADMIN = 'security:admin',
  /** The audit logs: the auditor's only. */
  AUDIT_READ = 'audit:read',
}

/** Only the accepting staff and discipline inspectors hold these, never by being an administrator. */
const DISCIPLINE_ONLY: readonly Permission[] = [Permission.COMPLAINANT_IDENTITY, Permission.CLUE_RECEIVE];
/** What the system administrator does not hold (三员分立): identities, and the other two administrators' permissions. */
const NOT_SYSTEM_ADMIN: readonly Permission[] = [...DISCIPLINE_ONLY, Permission.SECURITY_ADMIN, Permission.AUDIT_READ];

const READ_ALL = [Permission.STATS_READ, Permission.ORG_READ, Permission.COMPLAINT_READ, Permission.TASK_READ, Permission.ENTERPRISE_READ];

/** The permissions each role grants; a caller holds the union over their roles. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  // A system administrator is not among those who may see a whistleblower or a clue.
  [Role.ADMIN]: Object.values(Permission).filter((p) => !NOT_SYSTEM_ADMIN.includes(p)),
  [Role.LEADER]: READ_ALL,
  [Role.HOTLINE_OPERATOR]: [...READ_ALL, Permission.COMPLAINT_INTAKE, Permission.COMPLAINT_DISPATCH, Permission.COMPLAINANT_IDENTITY],
  [Role.UNIT_HANDLER]: [...READ_ALL, Permission.COMPLAINT_HANDLE, Permission.TASK_HANDLE, Permission.DEMAND_HANDLE],
  [Role.SUPERVISOR]: [...READ_ALL, Permission.TASK_WRITE],
  [Role.DISCIPLINE_INSPECTOR]: [...READ_ALL, Permission.COMPLAINANT_IDENTITY, Permission.CLUE_RECEIVE],
  [Role.SERVICE_AMBASSADOR]: [...READ_ALL, Permission.ENTERPRISE_WRITE, Permission.DEMAND_DISPATCH],
  [Role.SCREEN]: [Permission.STATS_READ],
  [Role.INTEGRATOR]: [],
  [Role.SECURITY_ADMIN]: [Permission.ORG_READ, Permission.SECURITY_ADMIN],
  [Role.AUDITOR]: [Permission.ORG_READ, Permission.AUDIT_READ],
};

/** Who is asking: a signed-in person, a wall screen, or nobody (`null`). */
export interface Caller {
  id: string;
  name: string;
  roles: Role[];
  /** Root of the region subtree the caller may see. */
  regionCode: string;
  unitId?: string;
  /** Explicit permissions (an API key's scopes, or those a token carries); otherwise the roles'. */
  permissions?: Permission[];
}

export function permissionsOf(caller: Caller): ReadonlySet<Permission> {
  return new Set(caller.permissions ?? caller.roles.flatMap((role) => ROLE_PERMISSIONS[role] ?? []));
}

/**
 * Unit operators see their own unit's items only: a caller whose every role is UNIT_HANDLER.
 * Anyone holding another role as well reads by region.
 */
export function ownUnitOnly(caller: Caller): boolean {
  return caller.roles.length > 0 && caller.roles.every((role) => role === Role.UNIT_HANDLER);
}

/** `iss` of every token we sign (sessions, and the gateway's calls to subgraphs). */
export const ISSUER = 'bizenv';
const SESSION_AUDIENCE = 'bizenv-gateway';
const SUBGRAPH_AUDIENCE = 'bizenv-subgraph';
/** Header the gateway puts on every subgraph request. */
export const GATEWAY_AUTH_HEADER = 'x-gateway-auth';
/** The client's TCP address, which the gateway passes on for audit records. */
export const CLIENT_ADDRESS_HEADER = 'x-client-address';

async function sign(claims: Record<string, unknown>, audience: string, ttl: string, secret: Uint8Array) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(secret);
}

function callerFrom(payload: Record<string, unknown>): Caller {
  const { sub, name, roles, region, unit, perms } = payload;
  if (typeof sub !== 'string' || typeof region !== 'string' || !Array.isArray(roles)) {
    throw new DomainError(ErrorCode.Unauthenticated, '登录凭证内容不完整');
  }
  const knownRoles = new Set<string>(Object.values(Role));
  const knownPermissions = new Set<string>(Object.values(Permission));
  return {
    id: sub,
    name: typeof name === 'string' ? name : sub,
    roles: roles.filter((role): role is Role => knownRoles.has(role)),
    regionCode: region,
    ...(typeof unit === 'string' ? { unitId: unit } : {}),
    ...(Array.isArray(perms) ? { permissions: perms.filter((p): p is Permission => knownPermissions.has(p)) } : {}),
  };
}

function claimsOf(caller: Caller) {
  return { sub: caller.id, name: caller.name, roles: caller.roles, perms: [...permissionsOf(caller)], region: caller.regionCode, unit: caller.unitId };
}

export function signSessionToken(caller: Caller, secret: Uint8Array, ttl = '12h'): Promise<string> {
  return sign(claimsOf(caller), SESSION_AUDIENCE, ttl, secret);
}

/** What every refused token is told: expired, forged or of an unknown issuer alike. */
export const INVALID_TOKEN = '登录凭证无效或已过期，请重新登录';

/** Verifies a session token; only HS256 with our key is accepted (no `alg: none`). */
export async function verifySessionToken(token: string, secret: Uint8Array): Promise<Caller> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: SESSION_AUDIENCE, algorithms: ['HS256'] });
    return callerFrom(payload);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(ErrorCode.Unauthenticated, INVALID_TOKEN);
  }
}

/** What the gateway forwards: the caller (or nobody), signed so subgraphs know it came through it. */
export function signGatewayToken(caller: Caller | null, secret: Uint8Array): Promise<string> {
  return sign(caller ? { ...claimsOf(caller), anonymous: false } : { sub: 'anonymous', anonymous: true }, SUBGRAPH_AUDIENCE, '2m', secret);
}

export async function verifyGatewayToken(token: string | undefined, secret: Uint8Array): Promise<Caller | null> {
  if (!token) throw new DomainError(ErrorCode.Unauthenticated, '请求未经网关，已拒绝');
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: SUBGRAPH_AUDIENCE, algorithms: ['HS256'] });
    return payload.anonymous === true ? null : callerFrom(payload);
  } catch {
    throw new DomainError(ErrorCode.Unauthenticated, '请求未经网关，已拒绝');
  }
}

/** The name kept beside an actor's id in logs and timelines: at most 100 characters, never cut inside one. */
export function actorName(actor: Pick<Caller, 'name'>): string {
  return [...actor.name].slice(0, 100).join('');
}

export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new DomainError(ErrorCode.Unauthenticated, '请先登录');
  return caller;
}

/** The caller must hold `permission` and, when a region is named, it must lie in their subtree. */
export function requirePermission(caller: Caller | null, permission: Permission, regionCode?: string): Caller {
  return requireAnyPermission(caller, [permission], regionCode);
}

/**
 * `requirePermission` for what either of several permissions allows, e.g. region names that
 * both an organisation reader and a wall screen (statistics only) need.
 */
export function requireAnyPermission(caller: Caller | null, permissions: readonly Permission[], regionCode?: string): Caller {
  const known = regionCode === undefined ? requireCaller(caller) : requireRegion(caller, regionCode);
  const held = permissionsOf(known);
  if (!permissions.some((permission) => held.has(permission))) {
    throw new DomainError(ErrorCode.Forbidden, '当前账号无权执行此操作', { permission: permissions.join('|') });
  }
  return known;
}

/**
 * Reading one item (complaint, task, demand): the permission, the item's region in scope, and
 * for unit operators the item must be their unit's: its `unitId`, or one of `unitIds` when the
 * item names every unit that may see it (a lead unit and co-units).
 */
export function requireItem(caller: Caller | null, permission: Permission, item: { regionCode: string; unitId?: string | null; unitIds?: readonly string[] }): Caller {
  const known = requirePermission(caller, permission, item.regionCode);
  const units = item.unitIds ?? (item.unitId ? [item.unitId] : []);
  if (ownUnitOnly(known) && (!known.unitId || !units.includes(known.unitId))) {
    throw new DomainError(ErrorCode.Forbidden, '仅可查看本单位承办的事项');
  }
  return known;
}

/** What a list may hold: one region subtree and, for unit operators, their own unit's items. */
export interface ListScope {
  regionCode: string;
  unitId?: string;
}

/**
 * The scope of a list (the same rule as `requireItem`, for many items): the permission, the
 * asked region (which must lie in the caller's subtree) or else the caller's own, and for unit
 * operators their unit. Totals counted within it never include what the caller may not see.
 */
export function requireListScope(caller: Caller | null, permission: Permission, regionCode?: string | null): ListScope {
  const region = regionCode ?? requireCaller(caller).regionCode;
  const known = requirePermission(caller, permission, region);
  if (!ownUnitOnly(known)) return { regionCode: region };
  if (!known.unitId) throw new DomainError(ErrorCode.Forbidden, '仅可查看本单位承办的事项');
  return { regionCode: region, unitId: known.unitId };
}

/** The caller may see `regionCode` only if it lies in their subtree. */
export function requireRegion(caller: Caller | null, regionCode: string): Caller {
  const known = requireCaller(caller);
  if (!isWithin(regionCode, known.regionCode)) {
    throw new DomainError(ErrorCode.Forbidden, '无权查看该区域的数据', { regionCode });
  }
  return known;
}
