import { ClosedLoopAction } from '@bizenv/common/closed-loop-transitions';
import { registerEnumType } from 'type-graphql';

/** Where a complaint came in. */
export enum Channel {
  HOTLINE_12345 = 'HOTLINE_12345',
  HOTLINE_967788 = 'HOTLINE_967788',
  MONITORING_POINT = 'MONITORING_POINT',
  MINXIN_WEB = 'MINXIN_WEB',
  REPORT_PHONE = 'REPORT_PHONE',
  WECHAT = 'WECHAT',
  UNDERCOVER_INSPECTION = 'UNDERCOVER_INSPECTION',
}

/** Typical categories from the plans' 整治 lists. */
export enum ComplaintCategory {
  ASKING_FAVOURS = 'ASKING_FAVOURS',
  BUCK_PASSING = 'BUCK_PASSING',
  ARBITRARY_CHARGES = 'ARBITRARY_CHARGES',
  BROKEN_PROMISES = 'BROKEN_PROMISES',
  BLACK_INTERMEDIARY = 'BLACK_INTERMEDIARY',
  IRREGULAR_ENFORCEMENT = 'IRREGULAR_ENFORCEMENT',
  OTHER = 'OTHER',
}

registerEnumType(Channel, {
  name: 'Channel',
  description: '受理渠道',
  valuesConfig: {
    HOTLINE_12345: { description: '12345政务服务便民热线' },
    HOTLINE_967788: { description: '967788非公有制企业维权热线' },
    MONITORING_POINT: { description: '营商环境监测点' },
    MINXIN_WEB: { description: '民心网' },
    REPORT_PHONE: { description: '公开举报电话' },
    WECHAT: { description: '微信公众号' },
    UNDERCOVER_INSPECTION: { description: '明察暗访' },
  },
});

registerEnumType(ComplaintCategory, {
  name: 'ComplaintCategory',
  description: '投诉类别',
  valuesConfig: {
    ASKING_FAVOURS: { description: '吃拿卡要' },
    BUCK_PASSING: { description: '推诿扯皮、推拖绕、中梗阻' },
    ARBITRARY_CHARGES: { description: '乱收费、乱罚款、乱检查' },
    BROKEN_PROMISES: { description: '新官不理旧账、政策不兑现' },
    BLACK_INTERMEDIARY: { description: '黑中介' },
    IRREGULAR_ENFORCEMENT: { description: '执法不规范' },
    OTHER: { description: '其他' },
  },
});

/** What an operator or a unit does to a complaint in the closed loop (受理 itself is `receiveComplaint`). */
export const ComplaintAction = { ...ClosedLoopAction };
export type ComplaintAction = ClosedLoopAction;

/**
 * A timeline entry's action: the closed-loop actions plus the receipt, co-units' notes,
 * merging or clearing duplicates, and a clue's transfer to the discipline commission.
 */
export const ComplaintTimelineAction = {
  RECEIVE: 'RECEIVE',
  ...ComplaintAction,
  CO_NOTE: 'CO_NOTE',
  MERGE: 'MERGE',
  MERGE_IN: 'MERGE_IN',
  NOT_DUPLICATE: 'NOT_DUPLICATE',
  TRANSFER_CLUE: 'TRANSFER_CLUE',
  EXTEND_REQUEST: 'EXTEND_REQUEST',
  EXTEND_APPROVE: 'EXTEND_APPROVE',
  EXTEND_REJECT: 'EXTEND_REJECT',
} as const;
export type ComplaintTimelineAction = (typeof ComplaintTimelineAction)[keyof typeof ComplaintTimelineAction];

const ACTION_DESCRIPTIONS = {
  DISPATCH: { description: '转办：交承办单位办理（热线受理员；需 unitId）' },
  ACCEPT: { description: '签收（本单位承办人）' },
  RETURN: { description: '退回：非本单位职责，待重新转办（本单位承办人；需 reason）' },
  REPLY: { description: '答复（本单位承办人；需 reply）' },
  CLOSE: { description: '回访后办结（热线受理员；需 satisfaction，不满意的应重办）' },
  REDO: { description: '重办：回访不满意，退回承办单位重新办理（热线受理员；需 reason）' },
  REJECT: { description: '不予受理（热线受理员；需 reason）' },
} as const;

registerEnumType(ComplaintAction, { name: 'ComplaintAction', description: '闭环操作', valuesConfig: ACTION_DESCRIPTIONS });

registerEnumType(ComplaintTimelineAction, {
  name: 'ComplaintTimelineAction',
  description: '办理记录中的操作',
  valuesConfig: {
    RECEIVE: { description: '受理' },
    ...ACTION_DESCRIPTIONS,
    CO_NOTE: { description: '协办意见（协办单位承办人）' },
    MERGE: { description: '作为重复件并入另一件投诉并办结（热线受理员）' },
    MERGE_IN: { description: '并入一件重复投诉（热线受理员）' },
    NOT_DUPLICATE: { description: '经核实不是重复件，清除重复提示（热线受理员）' },
    TRANSFER_CLUE: { description: '线索移交纪委监委（经纪委监委审批；此后仅纪委监委可见）' },
    EXTEND_REQUEST: { description: '申请延期（承办单位；理由见 reason，延至日期见 note）' },
    EXTEND_APPROVE: { description: '批准延期（热线受理员）：办结期限改为申请的日期' },
    EXTEND_REJECT: { description: '不予批准延期（热线受理员；意见见 reason）' },
  },
});
