import { Permission } from '@bizenv/common/auth';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { SupervisionAction, SupervisionLevel, SupervisionStatus } from './supervision-enums.js';

export interface LadderStep {
  level: SupervisionLevel;
  label: string;
  /** Working days the unit has to respond, unless the supervisor gives another number. */
  responseWorkingDays: number;
  /** The step is the unit being named in a published bulletin: that bulletin must be given. */
  needsBulletin: boolean;
}

/** The ladder as data, lowest first. */
export const SUPERVISION_LADDER: readonly LadderStep[] = [
  { level: SupervisionLevel.REMINDER, label: '催办', responseWorkingDays: 3, needsBulletin: false },
  { level: SupervisionLevel.ORDER, label: '督办单', responseWorkingDays: 5, needsBulletin: false },
  { level: SupervisionLevel.FLAGGED, label: '挂牌督办', responseWorkingDays: 5, needsBulletin: false },
  { level: SupervisionLevel.BULLETIN, label: '通报', responseWorkingDays: 5, needsBulletin: true },
];

export const MAX_RESPONSE_WORKING_DAYS = 30;

export function ladderStep(level: SupervisionLevel): LadderStep {
  return SUPERVISION_LADDER.find((step) => step.level === level)!;
}

/**
 * Escalation goes up one level at a time. Going up more than one (a serious problem flagged at
 * once, 直接挂牌督办) needs a reason for the skip; staying or going down is never an escalation.
 */
export function checkEscalation(from: SupervisionLevel | null, to: SupervisionLevel, skipReason: string | null): void {
  const rank = (level: SupervisionLevel | null) => (level === null ? -1 : SUPERVISION_LADDER.findIndex((step) => step.level === level));
  const gap = rank(to) - rank(from);
  if (gap < 1) {
    throw new DomainError(ErrorCode.InvalidTransition, `督办只能逐级升级：当前为${ladderStep(from!).label}，不能再发${ladderStep(to).label}`, {
      level: from,
      action: SupervisionAction.ESCALATE,
    });
  }
  if (gap > 1 && !skipReason) {
    throw new DomainError(ErrorCode.BadUserInput, `越级${from ? `由${ladderStep(from).label}` : ''}直接${ladderStep(to).label}须说明越级理由`, {
      field: 'skipReason',
    });
  }
  if (gap === 1 && skipReason) {
    throw new DomainError(ErrorCode.BadUserInput, '逐级升级不需要填写越级理由', { field: 'skipReason' });
  }
}

export interface SupervisionRule {
  /** Statuses it may start from; null: it opens a supervision. */
  from: readonly (SupervisionStatus | null)[];
  to: SupervisionStatus;
  permission: Permission;
  /** The actor acts for the supervised unit. */
  ownUnit: boolean;
}

/** The supervision's status changes as data. */
export const SUPERVISION_TRANSITIONS: Readonly<Record<SupervisionAction, SupervisionRule>> = {
  [SupervisionAction.ESCALATE]: {
    from: [null, SupervisionStatus.AWAITING_RESPONSE, SupervisionStatus.RESPONDED],
    to: SupervisionStatus.AWAITING_RESPONSE,
    permission: Permission.TASK_WRITE,
    ownUnit: false,
  },
  [SupervisionAction.RESPOND]: {
    from: [SupervisionStatus.AWAITING_RESPONSE],
    to: SupervisionStatus.RESPONDED,
    permission: Permission.TASK_HANDLE,
    ownUnit: true,
  },
  [SupervisionAction.CLOSE]: {
    from: [SupervisionStatus.AWAITING_RESPONSE, SupervisionStatus.RESPONDED],
    to: SupervisionStatus.CLOSED,
    permission: Permission.TASK_WRITE,
    ownUnit: false,
  },
};
