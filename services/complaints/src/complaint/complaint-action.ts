import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { requireText, requireUuid } from '@bizenv/common/validate';
import type { Satisfaction } from './complaint-enums.js';
import type { ActOnComplaintInput } from './complaint-inputs.js';
import { ACTION_FIELDS, type ActionField, type TransitionRule } from './complaint-transitions.js';

export interface ActionFields {
  unitId?: string;
  reason?: string;
  reply?: string;
  satisfaction?: Satisfaction;
  /** 协办单位, besides the lead unit in `unitId`. */
  coUnitIds?: string[];
}

/** More would make "one lead, several helpers" meaningless; a joint handling is rarely wider. */
export const MAX_CO_UNITS = 10;

const LABELS: Record<ActionField, string> = { unitId: '承办单位', reason: '理由', reply: '答复内容', satisfaction: '回访满意度' };

const CHECKS: Record<ActionField, (value: string) => string> = {
  unitId: (value) => requireUuid(value, 'unitId', LABELS.unitId),
  reason: (value) => requireText(value, 'reason', LABELS.reason, 500),
  reply: (value) => requireText(value, 'reply', LABELS.reply, 5000),
  // Already one of the enum's values: GraphQL checked it.
  satisfaction: (value) => value,
};

function invalid(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.BadUserInput, message, { field });
}

/**
 * The fields `rule` needs, checked and normalised. A missing one or one the action does not take
 * is refused, so a reply can never be stored by an action that does not show it.
 */
export function actionFields(rule: TransitionRule, input: ActOnComplaintInput): ActionFields {
  const fields: Record<string, string> = {};
  for (const field of ACTION_FIELDS) {
    const value = input[field];
    const given = value !== undefined && value !== null;
    if (rule.requires.includes(field)) {
      if (!given) throw invalid(field, `该操作须填写${LABELS[field]}`);
      fields[field] = CHECKS[field](value);
    } else if (given) {
      throw invalid(field, `该操作不需要填写${LABELS[field]}`);
    }
  }
  const result = fields as ActionFields;
  if (input.coUnitIds?.length) result.coUnitIds = coUnits(rule, input.coUnitIds, result.unitId);
  if (rule.satisfaction && !rule.satisfaction.accepts.includes(result.satisfaction!)) {
    throw invalid('satisfaction', rule.satisfaction.otherwise);
  }
  return result;
}

/** Co-units: only where the rule takes them, each a unit id, none twice, none the lead unit. */
function coUnits(rule: TransitionRule, ids: readonly string[], leadUnitId: string | undefined): string[] {
  if (!rule.takesCoUnits) throw invalid('coUnitIds', '该操作不需要填写协办单位');
  if (ids.length > MAX_CO_UNITS) throw invalid('coUnitIds', `协办单位不能超过${MAX_CO_UNITS}个`);
  const checked = ids.map((id) => requireUuid(id, 'coUnitIds', '协办单位'));
  if (new Set(checked).size !== checked.length) throw invalid('coUnitIds', '协办单位不能重复');
  if (leadUnitId !== undefined && checked.includes(leadUnitId)) throw invalid('coUnitIds', '牵头单位不能同时作为协办单位');
  return checked.sort();
}
