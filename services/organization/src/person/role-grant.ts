import { ADMIN_ROLES, Permission, permissionsOf, requireCaller, requireRegion, Role, type Caller } from '@bizenv/common/auth';
import { DomainError, ErrorCode } from '@bizenv/common/errors';

/**
 * 安全管理员: roles, accounts, passwords, lockouts and API keys are theirs alone (三员分立), held
 * as a role by a person (never an API key), within their region subtree.
 */
export function requireSecurityAdmin(caller: Caller | null, regionCode: string): Caller {
  const known = requireCaller(caller);
  if (!known.roles.includes(Role.SECURITY_ADMIN) || !permissionsOf(known).has(Permission.SECURITY_ADMIN)) {
    throw new DomainError(ErrorCode.Forbidden, '只有安全管理员可以授予或撤销角色、管理登录账号和 API 密钥', { permission: Permission.SECURITY_ADMIN });
  }
  return requireRegion(known, regionCode);
}

/**
 * The roles `caller` may give `personId` (null: a new person) in place of `previous`.
 * INTEGRATOR belongs to API keys; nobody holds two of the three administrators' roles; any
 * change is the security administrator's, and never to their own roles.
 */
export function grantableRoles(caller: Caller | null, personId: string | null, regionCode: string, roles: Role[], previous: Role[]): Role[] {
  const unique = [...new Set(roles)];
  if (unique.includes(Role.INTEGRATOR)) {
    throw new DomainError(ErrorCode.BadUserInput, 'INTEGRATOR 角色只用于接口密钥，不能授予人员', { field: 'roles' });
  }
  if (unique.filter((role) => ADMIN_ROLES.includes(role)).length > 1) {
    throw new DomainError(ErrorCode.BadUserInput, '系统管理员、安全管理员、审计管理员须由不同人员担任，不能兼任', { field: 'roles' });
  }
  if (sameRoles(unique, previous)) return unique;
  const admin = requireSecurityAdmin(caller, regionCode);
  if (personId === admin.id) throw new DomainError(ErrorCode.Forbidden, '不能给自己授予或撤销角色', { field: 'roles' });
  return unique;
}

export function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

/** Someone holding one of the three administrators' roles: managed by a security administrator only. */
export function isAdministrator(roles: readonly Role[]): boolean {
  return roles.some((role) => ADMIN_ROLES.includes(role));
}
