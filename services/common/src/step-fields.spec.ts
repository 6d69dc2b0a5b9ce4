import { describe, expect, it } from 'vitest';
import type { DomainError } from './errors.js';
import { stepFields, type StepFieldSpec } from './step-fields.js';
import { requireText } from './validate.js';

const SPECS: Record<'reason' | 'note', StepFieldSpec> = {
  reason: { label: '理由', check: (value, field) => requireText(value, field, '理由', 10) },
  note: { label: '备注', check: (value, field) => requireText(value, field, '备注', 10) },
};

const extensionsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as DomainError).extensions;
  }
  return null;
};

describe('step fields', () => {
  it('checks and trims what a step requires or may take', () => {
    expect(stepFields(SPECS, { requires: ['reason'], optional: ['note'] }, { reason: ' 超期 ', note: null })).toEqual({ reason: '超期' });
    expect(stepFields(SPECS, { requires: [], optional: ['note'] }, { note: '附件' })).toEqual({ note: '附件' });
  });

  it('names a missing field, an unexpected one and a bad one', () => {
    expect(extensionsOf(() => stepFields(SPECS, { requires: ['reason'] }, {}))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(extensionsOf(() => stepFields(SPECS, { requires: [] }, { note: '多余' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect(extensionsOf(() => stepFields(SPECS, { requires: ['reason'] }, { reason: '字'.repeat(11) }))).toMatchObject({ field: 'reason' });
  });
});
