import { registerEnumType } from 'type-graphql';

/** Where a problem stands in its rectification: "整改一项、销号一项". */
export enum ProblemStatus {
  RECTIFYING = 'RECTIFYING',
  AWAITING_SIGN_OFF = 'AWAITING_SIGN_OFF',
  SIGNED_OFF = 'SIGNED_OFF',
}

/** Where a problem was found. */
export enum ProblemSource {
  SELF_INSPECTION = 'SELF_INSPECTION',
  COMPLAINT = 'COMPLAINT',
  UNDERCOVER_INSPECTION = 'UNDERCOVER_INSPECTION',
  SUPERVISION_CHECK = 'SUPERVISION_CHECK',
  OTHER = 'OTHER',
}

/** The sign-off steps (登记 itself is `registerProblem` or a self-inspection report). */
export enum ProblemAction {
  REQUEST_SIGN_OFF = 'REQUEST_SIGN_OFF',
  APPROVE_SIGN_OFF = 'APPROVE_SIGN_OFF',
  REJECT_SIGN_OFF = 'REJECT_SIGN_OFF',
}

/** A timeline entry's action: the sign-off steps plus the registration. */
export const ProblemTimelineAction = { REGISTER: 'REGISTER', ...ProblemAction } as const;
export type ProblemTimelineAction = (typeof ProblemTimelineAction)[keyof typeof ProblemTimelineAction];

registerEnumType(ProblemStatus, {
  name: 'ProblemStatus',
  description: '问题整改状态',
  valuesConfig: {
    RECTIFYING: { description: '整改中' },
    AWAITING_SIGN_OFF: { description: '已申请销号，待审核' },
    SIGNED_OFF: { description: '已销号' },
  },
});

registerEnumType(ProblemSource, {
  name: 'ProblemSource',
  description: '问题来源',
  valuesConfig: {
    SELF_INSPECTION: { description: '单位自查（一报告四清单）' },
    COMPLAINT: { description: '投诉举报' },
    UNDERCOVER_INSPECTION: { description: '明察暗访' },
    SUPERVISION_CHECK: { description: '督查检查' },
    OTHER: { description: '其他' },
  },
});

const ACTION_DESCRIPTIONS = {
  REQUEST_SIGN_OFF: { description: '整改完成申请（责任单位；需 evidence，可附 evidenceFileRef）' },
  APPROVE_SIGN_OFF: { description: '审核通过，销号（督办人员，不能是申请人本人；可填 reason 作审核意见）' },
  REJECT_SIGN_OFF: { description: '审核不通过，退回继续整改（督办人员；需 reason）' },
} as const;

registerEnumType(ProblemAction, { name: 'ProblemAction', description: '销号操作', valuesConfig: ACTION_DESCRIPTIONS });

registerEnumType(ProblemTimelineAction, {
  name: 'ProblemTimelineAction',
  description: '整改记录中的操作',
  valuesConfig: { REGISTER: { description: '登记问题' }, ...ACTION_DESCRIPTIONS },
});
