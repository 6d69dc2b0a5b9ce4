import { describe, expect, it } from 'vitest';
import { Permission, Role, type Caller } from './auth.js';
import { DispatchStatus, Satisfaction } from './closed-loop.js';
import { checkStep, ClosedLoopAction, closedLoopStepFields, closedLoopTransitions, STEP_FIELDS } from './closed-loop-transitions.js';
import type { DomainError } from './errors.js';

const STEER = Permission.DEMAND_DISPATCH;
const HANDLE = Permission.DEMAND_HANDLE;
const TABLE = closedLoopTransitions({ steer: STEER, handle: HANDLE, noun: '诉求' });
const rules = Object.entries(TABLE);

const UNIT = '00000000-0000-4000-8000-000000000001';
const item = { id: 'd1', regionCode: '990102001', unitId: UNIT, version: 3 };
const caller = (roles: Role[], unitId?: string): Caller => ({ id: 'x', name: 'x', roles, regionCode: '990102', ...(unitId ? { unitId } : {}) });

function refusal(run: () => unknown): Record<string, unknown> & { message: string } {
  try {
    run();
  } catch (error) {
    return { ...(error as DomainError).extensions, message: (error as DomainError).message };
  }
  throw new Error('not refused');
}

describe('the shared closed-loop transition table', () => {
  it('has a rule for every action and nothing else, steered and handled by the permissions given', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.values(ClosedLoopAction).sort());
    expect(rules.filter(([, rule]) => rule.permission === HANDLE).map(([action]) => action).sort()).toEqual(['ACCEPT', 'REPLY', 'RETURN']);
    expect(rules.filter(([, rule]) => rule.permission === STEER).map(([action]) => action).sort()).toEqual(['CLOSE', 'DISPATCH', 'REDO', 'REJECT']);
  });

  it('reaches every status from AWAITING_DISPATCH and leads out of every status but CLOSED', () => {
    const reached = new Set<DispatchStatus>([DispatchStatus.AWAITING_DISPATCH]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [, rule] of rules) {
        if (rule.from.some((status) => reached.has(status)) && !reached.has(rule.to)) grew = Boolean(reached.add(rule.to));
      }
    }
    expect([...reached].sort()).toEqual(Object.values(DispatchStatus).sort());
    const starts = new Set(rules.flatMap(([, rule]) => rule.from));
    expect([...starts].sort()).toEqual(Object.values(DispatchStatus).filter((s) => s !== DispatchStatus.CLOSED).sort());
  });

  it('keeps each rule coherent', () => {
    for (const [action, rule] of rules) {
      expect(rule.from, action).not.toContain(rule.to);
      for (const field of rule.requires) expect(STEP_FIELDS, action).toContain(field);
      // The handling unit's steps, and only those, are bound to the unit; they need a unit to be there.
      expect(rule.ownUnit, action).toBe(rule.permission === HANDLE);
      if (rule.ownUnit) expect(rule.from, action).not.toContain(DispatchStatus.AWAITING_DISPATCH);
      if (rule.satisfaction) expect(rule.requires, action).toContain('satisfaction');
      if (rule.clearsUnit) expect(TABLE.DISPATCH.from, action).toContain(rule.to);
    }
    // Answering hands over to the close deadline; 重办 records the dissatisfied 回访.
    expect(TABLE.REPLY.dueAt).toBe('closeDueAt');
    expect(TABLE.REDO.impliedSatisfaction).toBe(Satisfaction.DISSATISFIED);
  });

  it('checks the fields a step needs with stepFields, and names the item in the rating refusal', () => {
    expect(refusal(() => closedLoopStepFields(TABLE.RETURN, {}))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(refusal(() => closedLoopStepFields(TABLE.ACCEPT, { reply: '好' }))).toMatchObject({ field: 'reply' });
    expect(refusal(() => closedLoopStepFields(TABLE.DISPATCH, { unitId: 'nope' }))).toMatchObject({ field: 'unitId' });
    expect(refusal(() => closedLoopStepFields(TABLE.REJECT, { reason: 'x'.repeat(501) }))).toMatchObject({ field: 'reason' });
    expect(refusal(() => closedLoopStepFields(TABLE.CLOSE, {}))).toMatchObject({ field: 'satisfaction' });
    expect(refusal(() => closedLoopStepFields(TABLE.CLOSE, { satisfaction: Satisfaction.DISSATISFIED }))).toMatchObject({
      field: 'satisfaction',
      message: '回访不满意的诉求不能办结，请执行重办（REDO）',
    });
    expect(closedLoopStepFields(TABLE.REPLY, { reply: '  已办理。 ' })).toEqual({ reply: '已办理。' });
    expect(closedLoopStepFields(TABLE.CLOSE, { satisfaction: Satisfaction.BASICALLY_SATISFIED })).toEqual({ satisfaction: Satisfaction.BASICALLY_SATISFIED });
  });

  it('checks a step in order: permission, own unit, version, status', () => {
    const step = (action: ClosedLoopAction, expectedVersion = 3) => ({ action, expectedVersion });
    const handler = caller([Role.UNIT_HANDLER], UNIT);
    expect(checkStep(handler, TABLE.ACCEPT, item, DispatchStatus.DISPATCHED, step(ClosedLoopAction.ACCEPT), '诉求')).toBe(handler);
    expect(refusal(() => checkStep(caller([Role.LEADER]), TABLE.DISPATCH, item, DispatchStatus.AWAITING_DISPATCH, step(ClosedLoopAction.DISPATCH), '诉求'))).toMatchObject({ code: 'FORBIDDEN' });
    const otherUnit = caller([Role.UNIT_HANDLER], '00000000-0000-4000-8000-000000000002');
    expect(refusal(() => checkStep(otherUnit, TABLE.ACCEPT, item, DispatchStatus.DISPATCHED, step(ClosedLoopAction.ACCEPT, 2), '诉求'))).toMatchObject({
      code: 'FORBIDDEN',
      message: '只能办理转办给本单位的诉求',
    });
    expect(refusal(() => checkStep(handler, TABLE.ACCEPT, item, DispatchStatus.ACCEPTED, step(ClosedLoopAction.ACCEPT, 2), '诉求'))).toMatchObject({
      code: 'CONFLICT',
      version: 3,
      message: '该诉求已被他人修改，请刷新后重试',
    });
    expect(refusal(() => checkStep(handler, TABLE.ACCEPT, item, DispatchStatus.ACCEPTED, step(ClosedLoopAction.ACCEPT), '诉求'))).toMatchObject({
      code: 'INVALID_TRANSITION',
      status: DispatchStatus.ACCEPTED,
    });
    // Outside the caller's region: refused before anything about the item is said.
    const elsewhere = { ...item, regionCode: '990103001' };
    expect(refusal(() => checkStep(caller([Role.SERVICE_AMBASSADOR]), TABLE.DISPATCH, elsewhere, DispatchStatus.AWAITING_DISPATCH, step(ClosedLoopAction.DISPATCH, 1), '诉求'))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
