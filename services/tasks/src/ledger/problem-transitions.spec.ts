import { Permission, permissionsOf, Role } from '@bizenv/common/auth';
import { describe, expect, it } from 'vitest';
import { ProblemAction, ProblemStatus } from './problem-enums.js';
import { PROBLEM_ACTION_FIELDS, PROBLEM_TRANSITIONS } from './problem-transitions.js';

const rules = Object.entries(PROBLEM_TRANSITIONS);

describe('the sign-off (销号) transition table', () => {
  it('has a rule for every action and nothing else', () => {
    expect(Object.keys(PROBLEM_TRANSITIONS).sort()).toEqual(Object.values(ProblemAction).sort());
  });

  it('closes a problem only through an approval of a pending request, and never leaves SIGNED_OFF', () => {
    const into = rules.filter(([, rule]) => rule.to === ProblemStatus.SIGNED_OFF).map(([action]) => action);
    expect(into).toEqual([ProblemAction.APPROVE_SIGN_OFF]);
    expect(PROBLEM_TRANSITIONS.APPROVE_SIGN_OFF.from).toEqual([ProblemStatus.AWAITING_SIGN_OFF]);
    expect(rules.flatMap(([, rule]) => rule.from)).not.toContain(ProblemStatus.SIGNED_OFF);
  });

  it('sends a rejected request back to rectification with a reason', () => {
    expect(PROBLEM_TRANSITIONS.REJECT_SIGN_OFF).toMatchObject({ from: [ProblemStatus.AWAITING_SIGN_OFF], to: ProblemStatus.RECTIFYING, requires: ['reason'] });
  });

  it('keeps each rule coherent: known fields, a required field never also optional, the unit asks and someone else verifies', () => {
    for (const [action, rule] of rules) {
      expect(rule.from, action).not.toContain(rule.to);
      for (const field of [...rule.requires, ...rule.optional]) expect(PROBLEM_ACTION_FIELDS, action).toContain(field);
      for (const field of rule.requires) expect(rule.optional, action).not.toContain(field);
      expect(rule.ownUnit, action).toBe(rule.permission === Permission.TASK_HANDLE);
      expect(Boolean(rule.notByRequester), action).toBe(rule.permission === Permission.TASK_WRITE);
    }
    expect(PROBLEM_TRANSITIONS.REQUEST_SIGN_OFF.requires).toContain('evidence');
  });

  it('lets a unit handler ask and a supervisor decide, and no reader do either', () => {
    const actionsOf = (role: Role) =>
      rules.filter(([, rule]) => permissionsOf({ id: 'x', name: 'x', roles: [role], regionCode: '990100' }).has(rule.permission)).map(([action]) => action).sort();
    expect(actionsOf(Role.UNIT_HANDLER)).toEqual([ProblemAction.REQUEST_SIGN_OFF]);
    expect(actionsOf(Role.SUPERVISOR)).toEqual([ProblemAction.APPROVE_SIGN_OFF, ProblemAction.REJECT_SIGN_OFF]);
    for (const role of [Role.LEADER, Role.HOTLINE_OPERATOR, Role.DISCIPLINE_INSPECTOR, Role.SERVICE_AMBASSADOR, Role.SCREEN, Role.INTEGRATOR]) {
      expect(actionsOf(role), role).toEqual([]);
    }
  });
});
