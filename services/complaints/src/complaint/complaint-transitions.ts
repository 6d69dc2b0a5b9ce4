import { Permission } from '@bizenv/common/auth';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { ComplaintAction, Satisfaction } from './complaint-enums.js';

/** Inputs an action may take besides the id and the expected version. */
export const ACTION_FIELDS = ['unitId', 'reason', 'reply', 'satisfaction'] as const;
export type ActionField = (typeof ACTION_FIELDS)[number];

export interface TransitionRule {
  from: readonly DispatchStatus[];
  to: DispatchStatus;
  /** What the actor must hold, within the complaint's region. */
  permission: Permission;
  /** The actor acts for their unit: only on a complaint whose lead unit (牵头单位) it is. */
  ownUnit: boolean;
  /** Fields the action needs; any other field given is refused. */
  requires: readonly ActionField[];
  /** Satisfaction values the action takes, and what to tell the operator otherwise. */
  satisfaction?: { accepts: readonly Satisfaction[]; otherwise: string };
  /** Recorded in the timeline without being asked for: 重办 follows a dissatisfied 回访. */
  impliedSatisfaction?: Satisfaction;
  /** The action may name co-units (协办单位) besides the lead unit; they replace any earlier ones. */
  takesCoUnits?: boolean;
  /** The complaint leaves its units, lead and co-units (退回: "not ours"), so it must be dispatched again. */
  clearsUnit?: boolean;
  /** The deadline that governs from then on; absent: unchanged. */
  dueAt?: 'closeDueAt';
}

// 转办, 办结, 重办, 不予受理 steer the loop; 签收, 退回, 答复 are the handling unit's own steps.
const STEER = Permission.COMPLAINT_DISPATCH;
const HANDLE = Permission.COMPLAINT_HANDLE;

/** The 12345 closed loop as data: each action, where it may start, where it leads, who and what it needs. */
export const COMPLAINT_TRANSITIONS: Readonly<Record<ComplaintAction, TransitionRule>> = {
  [ComplaintAction.DISPATCH]: {
    from: [DispatchStatus.AWAITING_DISPATCH, DispatchStatus.RETURNED],
    to: DispatchStatus.DISPATCHED,
    permission: STEER,
    ownUnit: false,
    requires: ['unitId'],
    takesCoUnits: true,
  },
  [ComplaintAction.ACCEPT]: { from: [DispatchStatus.DISPATCHED], to: DispatchStatus.ACCEPTED, permission: HANDLE, ownUnit: true, requires: [] },
  [ComplaintAction.RETURN]: {
    from: [DispatchStatus.DISPATCHED],
    to: DispatchStatus.RETURNED,
    permission: HANDLE,
    ownUnit: true,
    requires: ['reason'],
    clearsUnit: true,
  },
  [ComplaintAction.REPLY]: {
    from: [DispatchStatus.ACCEPTED],
    to: DispatchStatus.REPLIED,
    permission: HANDLE,
    ownUnit: true,
    requires: ['reply'],
    dueAt: 'closeDueAt',
  },
  [ComplaintAction.CLOSE]: {
    from: [DispatchStatus.REPLIED],
    to: DispatchStatus.CLOSED,
    permission: STEER,
    ownUnit: false,
    requires: ['satisfaction'],
    satisfaction: {
      accepts: [Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED],
      otherwise: '回访不满意的投诉不能办结，请执行重办（REDO）',
    },
  },
  // Back to the same unit; the close deadline still governs.
  [ComplaintAction.REDO]: {
    from: [DispatchStatus.REPLIED],
    to: DispatchStatus.ACCEPTED,
    permission: STEER,
    ownUnit: false,
    requires: ['reason'],
    impliedSatisfaction: Satisfaction.DISSATISFIED,
  },
  [ComplaintAction.REJECT]: {
    from: [DispatchStatus.AWAITING_DISPATCH],
    to: DispatchStatus.CLOSED,
    permission: STEER,
    ownUnit: false,
    requires: ['reason'],
  },
};

/**
 * 协办意见: a co-unit's handler adds a note to the timeline while the lead unit handles the
 * complaint. Not a transition: the status and version stay as they are.
 */
export const CO_HANDLING_NOTE = {
  while: [DispatchStatus.DISPATCHED, DispatchStatus.ACCEPTED, DispatchStatus.REPLIED],
  permission: HANDLE,
} as const;
