import { DispatchStatus } from '@bizenv/common/closed-loop';

/** The closed loop as data: each action, the states it may start from, and where it leads. */
export const COMPLAINT_TRANSITIONS = {
  DISPATCH: { from: [DispatchStatus.AWAITING_DISPATCH, DispatchStatus.RETURNED], to: DispatchStatus.DISPATCHED },
} as const satisfies Record<string, { from: readonly DispatchStatus[]; to: DispatchStatus }>;

export type ComplaintAction = keyof typeof COMPLAINT_TRANSITIONS;
