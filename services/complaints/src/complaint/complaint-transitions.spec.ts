import { Permission, permissionsOf, Role } from '@bizenv/common/auth';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { DomainError } from '@bizenv/common/errors';
import { describe, expect, it } from 'vitest';
import { actionFields } from './complaint-action.js';
import { Satisfaction } from '@bizenv/common/closed-loop';
import { STEP_FIELDS } from '@bizenv/common/closed-loop-transitions';
import { ComplaintAction } from './complaint-enums.js';
import { COMPLAINT_TRANSITIONS } from './complaint-transitions.js';

const rules = Object.entries(COMPLAINT_TRANSITIONS);

describe('the complaint transition table', () => {
  it('has a rule for every action and nothing else', () => {
    expect(Object.keys(COMPLAINT_TRANSITIONS).sort()).toEqual(Object.values(ComplaintAction).sort());
  });

  it('is the shared table, with co-units taken at 转办 only', () => {
    expect(rules.filter(([, rule]) => rule.takesCoUnits).map(([action]) => action)).toEqual(['DISPATCH']);
    expect(COMPLAINT_TRANSITIONS.CLOSE.satisfaction?.otherwise).toContain('投诉');
  });

  it('keeps each rule coherent', () => {
    for (const [action, rule] of rules) {
      expect(rule.from, action).not.toContain(rule.to);
      expect(rule.from.length, action).toBeGreaterThan(0);
      for (const field of rule.requires) expect(STEP_FIELDS, action).toContain(field);
      // The handling unit's steps, and only those, are bound to the unit; they need a unit to be there.
      expect(rule.ownUnit, action).toBe(rule.permission === Permission.COMPLAINT_HANDLE);
      if (rule.ownUnit) {
        expect(rule.from, action).not.toContain(DispatchStatus.AWAITING_DISPATCH);
        expect(rule.from, action).not.toContain(DispatchStatus.RETURNED);
      }
      if (rule.satisfaction) expect(rule.requires, action).toContain('satisfaction');
      // A status that leaves the unit must be dispatched again.
      if (rule.clearsUnit) expect(COMPLAINT_TRANSITIONS.DISPATCH.from, action).toContain(rule.to);
    }
  });

  it('gives the hotline the steering actions and a unit handler its own unit’s steps, and no one else any', () => {
    const actionsOf = (role: Role) =>
      rules.filter(([, rule]) => permissionsOf({ id: 'x', name: 'x', roles: [role], regionCode: '990100' }).has(rule.permission)).map(([action]) => action).sort();
    expect(actionsOf(Role.HOTLINE_OPERATOR)).toEqual(['CLOSE', 'DISPATCH', 'REDO', 'REJECT']);
    expect(actionsOf(Role.UNIT_HANDLER)).toEqual(['ACCEPT', 'REPLY', 'RETURN']);
    for (const role of [Role.LEADER, Role.SUPERVISOR, Role.DISCIPLINE_INSPECTOR, Role.SERVICE_AMBASSADOR, Role.SCREEN, Role.INTEGRATOR]) {
      expect(actionsOf(role), role).toEqual([]);
    }
    expect(actionsOf(Role.ADMIN)).toEqual(Object.values(ComplaintAction).sort());
  });

  it('refuses to close a dissatisfied complaint and points to REDO', () => {
    const close = (satisfaction: Satisfaction) =>
      actionFields(COMPLAINT_TRANSITIONS.CLOSE, { id: 'x', action: ComplaintAction.CLOSE, expectedVersion: 1, satisfaction });
    expect(close(Satisfaction.BASICALLY_SATISFIED)).toEqual({ satisfaction: Satisfaction.BASICALLY_SATISFIED });
    expect(() => close(Satisfaction.DISSATISFIED)).toThrow(/REDO/);
  });

  it('refuses missing and unexpected fields with the field named', () => {
    const fieldOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as DomainError).extensions;
      }
      return null;
    };
    const base = { id: 'x', expectedVersion: 1 };
    expect(fieldOf(() => actionFields(COMPLAINT_TRANSITIONS.RETURN, { ...base, action: ComplaintAction.RETURN }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(fieldOf(() => actionFields(COMPLAINT_TRANSITIONS.ACCEPT, { ...base, action: ComplaintAction.ACCEPT, reply: '好' }))).toMatchObject({ field: 'reply' });
    expect(fieldOf(() => actionFields(COMPLAINT_TRANSITIONS.REJECT, { ...base, action: ComplaintAction.REJECT, reason: 'x'.repeat(501) }))).toMatchObject({ field: 'reason' });
    expect(actionFields(COMPLAINT_TRANSITIONS.REPLY, { ...base, action: ComplaintAction.REPLY, reply: '  已办理。 ' })).toEqual({ reply: '已办理。' });
  });
});
