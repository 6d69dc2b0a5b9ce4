import { Permission } from '@bizenv/common/auth';
import type { DomainError } from '@bizenv/common/errors';
import { describe, expect, it } from 'vitest';
import { SupervisionAction, SupervisionLevel, SupervisionStatus } from './supervision-enums.js';
import { checkEscalation, SUPERVISION_LADDER, SUPERVISION_TRANSITIONS } from './supervision-ladder.js';

const { REMINDER, ORDER, FLAGGED, BULLETIN } = SupervisionLevel;

const outcome = (run: () => void) => {
  try {
    run();
    return 'ok';
  } catch (error) {
    const { code, field } = (error as DomainError).extensions as { code: string; field?: string };
    return field ? `${code}:${field}` : code;
  }
};

describe('the supervision ladder', () => {
  it('orders every level once, 催办 → 督办单 → 挂牌督办 → 通报, and only 通报 needs a bulletin', () => {
    expect(SUPERVISION_LADDER.map((step) => step.level)).toEqual([REMINDER, ORDER, FLAGGED, BULLETIN]);
    expect(SUPERVISION_LADDER.map((step) => step.label)).toEqual(['催办', '督办单', '挂牌督办', '通报']);
    expect(SUPERVISION_LADDER.filter((step) => step.needsBulletin).map((step) => step.level)).toEqual([BULLETIN]);
    for (const step of SUPERVISION_LADDER) expect(step.responseWorkingDays).toBeGreaterThan(0);
  });

  it('goes up one level at a time without a reason', () => {
    expect(outcome(() => checkEscalation(null, REMINDER, null))).toBe('ok');
    expect(outcome(() => checkEscalation(REMINDER, ORDER, null))).toBe('ok');
    expect(outcome(() => checkEscalation(ORDER, FLAGGED, null))).toBe('ok');
    expect(outcome(() => checkEscalation(FLAGGED, BULLETIN, null))).toBe('ok');
  });

  it('skips levels only with a reason, and refuses a reason where nothing is skipped', () => {
    expect(outcome(() => checkEscalation(null, FLAGGED, null))).toBe('BAD_USER_INPUT:skipReason');
    expect(outcome(() => checkEscalation(null, FLAGGED, '群众反映强烈，直接挂牌'))).toBe('ok');
    expect(outcome(() => checkEscalation(REMINDER, BULLETIN, null))).toBe('BAD_USER_INPUT:skipReason');
    expect(outcome(() => checkEscalation(REMINDER, ORDER, '多余的理由'))).toBe('BAD_USER_INPUT:skipReason');
  });

  it('never stays or goes down', () => {
    expect(outcome(() => checkEscalation(ORDER, ORDER, null))).toBe('INVALID_TRANSITION');
    expect(outcome(() => checkEscalation(FLAGGED, REMINDER, '理由'))).toBe('INVALID_TRANSITION');
    expect(outcome(() => checkEscalation(BULLETIN, BULLETIN, null))).toBe('INVALID_TRANSITION');
  });

  it('lets supervisors escalate and close, and the supervised unit answer a pending step only', () => {
    expect(SUPERVISION_TRANSITIONS[SupervisionAction.RESPOND]).toMatchObject({
      from: [SupervisionStatus.AWAITING_RESPONSE],
      to: SupervisionStatus.RESPONDED,
      permission: Permission.TASK_HANDLE,
      ownUnit: true,
    });
    for (const action of [SupervisionAction.ESCALATE, SupervisionAction.CLOSE]) {
      expect(SUPERVISION_TRANSITIONS[action]).toMatchObject({ permission: Permission.TASK_WRITE, ownUnit: false });
      expect(SUPERVISION_TRANSITIONS[action].from).not.toContain(SupervisionStatus.CLOSED);
    }
    expect(SUPERVISION_TRANSITIONS[SupervisionAction.ESCALATE].from).toContain(null);
  });
});
