import { Permission } from '@bizenv/common/auth';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { closedLoopTransitions, type TransitionRule } from '@bizenv/common/closed-loop-transitions';
import type { ComplaintAction } from './complaint-enums.js';

/** A complaint's step: the shared rule, and whether it may name co-units. */
export interface ComplaintTransitionRule extends TransitionRule {
  /** The action may name co-units (协办单位) besides the lead unit; they replace any earlier ones. */
  takesCoUnits?: boolean;
}

// 转办, 办结, 重办, 不予受理 steer the loop; 签收, 退回, 答复 are the handling unit's own steps.
const STEER = Permission.COMPLAINT_DISPATCH;
const HANDLE = Permission.COMPLAINT_HANDLE;

const LOOP = closedLoopTransitions({ steer: STEER, handle: HANDLE, noun: '投诉' });

/**
 * The 12345 closed loop: the shared table, where 转办 also takes co-units and 退回 leaves the lead
 * unit and co-units alike.
 */
export const COMPLAINT_TRANSITIONS: Readonly<Record<ComplaintAction, ComplaintTransitionRule>> = {
  ...LOOP,
  DISPATCH: { ...LOOP.DISPATCH, takesCoUnits: true },
};

/**
 * 协办意见: a co-unit's handler adds a note to the timeline while the lead unit handles the
 * complaint. Not a transition: the status and version stay as they are.
 */
export const CO_HANDLING_NOTE = {
  while: [DispatchStatus.DISPATCHED, DispatchStatus.ACCEPTED, DispatchStatus.REPLIED],
  permission: HANDLE,
} as const;
