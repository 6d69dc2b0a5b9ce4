import { closedLoopStepFields, type CheckedStepFields } from '@bizenv/common/closed-loop-transitions';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { requireUuid } from '@bizenv/common/validate';
import type { ActOnComplaintInput } from './complaint-inputs.js';
import type { ComplaintTransitionRule } from './complaint-transitions.js';

export interface ActionFields extends CheckedStepFields {
  /** 协办单位, besides the lead unit in `unitId`. */
  coUnitIds?: string[];
}

/** More would make "one lead, several helpers" meaningless; a joint handling is rarely wider. */
export const MAX_CO_UNITS = 10;

function invalid(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.BadUserInput, message, { field });
}

/**
 * The fields `rule` needs, checked and normalised as for every closed-loop item, plus the
 * complaint's own co-units. A missing field or one the action does not take is refused, so a
 * reply can never be stored by an action that does not show it.
 */
export function actionFields(rule: ComplaintTransitionRule, input: ActOnComplaintInput): ActionFields {
  const result: ActionFields = closedLoopStepFields(rule, input);
  if (input.coUnitIds?.length) result.coUnitIds = coUnits(rule, input.coUnitIds, result.unitId);
  return result;
}

/** Co-units: only where the rule takes them, each a unit id, none twice, none the lead unit. */
function coUnits(rule: ComplaintTransitionRule, ids: readonly string[], leadUnitId: string | undefined): string[] {
  if (!rule.takesCoUnits) throw invalid('coUnitIds', '该操作不需要填写协办单位');
  if (ids.length > MAX_CO_UNITS) throw invalid('coUnitIds', `协办单位不能超过${MAX_CO_UNITS}个`);
  const checked = ids.map((id) => requireUuid(id, 'coUnitIds', '协办单位'));
  if (new Set(checked).size !== checked.length) throw invalid('coUnitIds', '协办单位不能重复');
  if (leadUnitId !== undefined && checked.includes(leadUnitId)) throw invalid('coUnitIds', '牵头单位不能同时作为协办单位');
  return checked.sort();
}
