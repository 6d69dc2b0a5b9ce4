import { Permission, permissionsOf, requireRegion, type Caller } from '@bizenv/common/auth';
import { DomainError, ErrorCode } from '@bizenv/common/errors';

/**
 * Someone acting for a unit (its self-inspection report, say): a supervisor (`task:write`) within
 * the region, or the unit's own operator (`task:handle`) for their unit only.
 */
export function requireUnitActor(caller: Caller | null, regionCode: string, unitId: string): Caller {
  const known = requireRegion(caller, regionCode);
  const held = permissionsOf(known);
  if (held.has(Permission.TASK_WRITE)) return known;
  if (held.has(Permission.TASK_HANDLE) && known.unitId === unitId) return known;
  throw new DomainError(ErrorCode.Forbidden, held.has(Permission.TASK_HANDLE) ? '只能办理本单位的事项' : '当前账号无权执行此操作', {
    permission: `${Permission.TASK_WRITE}|${Permission.TASK_HANDLE}`,
  });
}

/** The actor of a step bound to the responsible unit (`ownUnit` rules) must act for that unit. */
export function requireOwnUnit(actor: Caller, unitId: string): void {
  if (!actor.unitId || actor.unitId !== unitId) throw new DomainError(ErrorCode.Forbidden, '只能办理本单位的事项');
}
