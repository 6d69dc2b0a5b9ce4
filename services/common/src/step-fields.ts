import { DomainError, ErrorCode } from './errors.js';

/** How one optional input of a workflow step is named to the user and checked. */
export interface StepFieldSpec {
  label: string;
  /** Returns the normalised value or throws BAD_USER_INPUT naming `field`. */
  check(value: string, field: string): string;
}

/** What a step of a workflow (a transition table's rule) needs and takes. */
export interface StepFieldRule<F extends string> {
  requires: readonly F[];
  optional?: readonly F[];
}

/**
 * The fields a step needs, checked and normalised. A missing one, or one the step does not take,
 * is refused with the field named, so text can never be stored by a step that does not show it.
 */
export function stepFields<F extends string>(
  specs: Readonly<Record<F, StepFieldSpec>>,
  rule: StepFieldRule<F>,
  input: Partial<Record<F, string | null>>,
): Partial<Record<F, string>> {
  const fields: Partial<Record<F, string>> = {};
  for (const field of Object.keys(specs) as F[]) {
    const value = input[field];
    const given = value !== undefined && value !== null;
    const { label, check } = specs[field];
    if (rule.requires.includes(field)) {
      if (!given) throw new DomainError(ErrorCode.BadUserInput, `该操作须填写${label}`, { field });
      fields[field] = check(value, field);
    } else if (rule.optional?.includes(field)) {
      if (given) fields[field] = check(value, field);
    } else if (given) {
      throw new DomainError(ErrorCode.BadUserInput, `该操作不需要填写${label}`, { field });
    }
  }
  return fields;
}
