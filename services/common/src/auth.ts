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
}

/** Who is asking: a signed-in person, a wall screen, or nobody (`null`). */
export interface Caller {
  id: string;
  name: string;
  roles: Role[];
  /** Root of the region subtree the caller may see. */
  regionCode: string;
  unitId?: string;
}

const ISSUER = 'bizenv';
const SESSION_AUDIENCE = 'bizenv-gateway';
const SUBGRAPH_AUDIENCE = 'bizenv-subgraph';
/** Header the gateway puts on every subgraph request. */
export const GATEWAY_AUTH_HEADER = 'x-gateway-auth';

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
  const { sub, name, roles, region, unit } = payload;
  if (typeof sub !== 'string' || typeof region !== 'string' || !Array.isArray(roles)) {
    throw new DomainError(ErrorCode.Unauthenticated, '登录凭证内容不完整');
  }
  const known = new Set<string>(Object.values(Role));
  return {
    id: sub,
    name: typeof name === 'string' ? name : sub,
    roles: roles.filter((role): role is Role => known.has(role)),
    regionCode: region,
    ...(typeof unit === 'string' ? { unitId: unit } : {}),
  };
}

function claimsOf(caller: Caller) {
  return { sub: caller.id, name: caller.name, roles: caller.roles, region: caller.regionCode, unit: caller.unitId };
}

export function signSessionToken(caller: Caller, secret: Uint8Array, ttl = '12h'): Promise<string> {
  return sign(claimsOf(caller), SESSION_AUDIENCE, ttl, secret);
}

/** Verifies a session token; only HS256 with our key is accepted (no `alg: none`). */
export async function verifySessionToken(token: string, secret: Uint8Array): Promise<Caller> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: SESSION_AUDIENCE, algorithms: ['HS256'] });
    return callerFrom(payload);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(ErrorCode.Unauthenticated, '登录凭证无效或已过期，请重新登录');
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

export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new DomainError(ErrorCode.Unauthenticated, '请先登录');
  return caller;
}

/** The caller may see `regionCode` only if it lies in their subtree. */
export function requireRegion(caller: Caller | null, regionCode: string): Caller {
  const known = requireCaller(caller);
  if (!isWithin(regionCode, known.regionCode)) {
    throw new DomainError(ErrorCode.Forbidden, '无权查看该区域的数据', { regionCode });
  }
  return known;
}

/** The caller must hold one of `roles` (administrators always qualify) within `regionCode`. */
export function requireRole(caller: Caller | null, regionCode: string, ...roles: Role[]): Caller {
  const known = requireRegion(caller, regionCode);
  if (!known.roles.some((role) => role === Role.ADMIN || roles.includes(role))) {
    throw new DomainError(ErrorCode.Forbidden, '当前账号无权执行此操作');
  }
  return known;
}

/** System administration (the test clock, later accounts): administrators only. */
export function requireAdmin(caller: Caller | null): Caller {
  const known = requireCaller(caller);
  if (!known.roles.includes(Role.ADMIN)) throw new DomainError(ErrorCode.Forbidden, '仅系统管理员可执行此操作');
  return known;
}
