import { Permission } from '@bizenv/common/auth';
import { ProblemAction, ProblemStatus } from './problem-enums.js';

/** Inputs a sign-off step may take besides the id and the expected version. */
export const PROBLEM_ACTION_FIELDS = ['evidence', 'evidenceFileRef', 'reason'] as const;
export type ProblemActionField = (typeof PROBLEM_ACTION_FIELDS)[number];

export interface ProblemTransitionRule {
  from: readonly ProblemStatus[];
  to: ProblemStatus;
  /** What the actor must hold, within the problem's region. */
  permission: Permission;
  /** The actor acts for the responsible unit: only on that unit's problems. */
  ownUnit: boolean;
  /** Fields the step needs. */
  requires: readonly ProblemActionField[];
  /** Fields the step may take; any other field given is refused. */
  optional: readonly ProblemActionField[];
  /** The verifier must be someone other than whoever asked for the sign-off. */
  notByRequester?: boolean;
}

const HANDLE = Permission.TASK_HANDLE;
const SUPERVISE = Permission.TASK_WRITE;

/** 销号 as data: the responsible unit asks, a supervisor verifies and signs off or sends it back. */
export const PROBLEM_TRANSITIONS: Readonly<Record<ProblemAction, ProblemTransitionRule>> = {
  [ProblemAction.REQUEST_SIGN_OFF]: {
    from: [ProblemStatus.RECTIFYING],
    to: ProblemStatus.AWAITING_SIGN_OFF,
    permission: HANDLE,
    ownUnit: true,
    requires: ['evidence'],
    optional: ['evidenceFileRef'],
  },
  [ProblemAction.APPROVE_SIGN_OFF]: {
    from: [ProblemStatus.AWAITING_SIGN_OFF],
    to: ProblemStatus.SIGNED_OFF,
    permission: SUPERVISE,
    ownUnit: false,
    requires: [],
    optional: ['reason'],
    notByRequester: true,
  },
  [ProblemAction.REJECT_SIGN_OFF]: {
    from: [ProblemStatus.AWAITING_SIGN_OFF],
    to: ProblemStatus.RECTIFYING,
    permission: SUPERVISE,
    ownUnit: false,
    requires: ['reason'],
    optional: [],
    notByRequester: true,
  },
};
