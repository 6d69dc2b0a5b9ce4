import { ClosedLoopAction } from '@bizenv/common/closed-loop-transitions';
import { registerEnumType } from 'type-graphql';

/** What an ambassador or a unit does to a demand in the closed loop (提出 itself is a visit's or a monitoring point's). */
export const DemandAction = { ...ClosedLoopAction };
export type DemandAction = ClosedLoopAction;

registerEnumType(DemandAction, {
  name: 'DemandAction',
  description: '企业诉求的闭环操作',
  valuesConfig: {
    DISPATCH: { description: '转办：交承办单位办理（服务大使；需 unitId）' },
    ACCEPT: { description: '签收（本单位承办人）' },
    RETURN: { description: '退回：非本单位职责，待重新转办（本单位承办人；需 reason）' },
    REPLY: { description: '答复企业（本单位承办人；需 reply）' },
    CLOSE: { description: '回访企业后办结（服务大使；需 satisfaction，即企业评价，不满意的应重办）' },
    REDO: { description: '重办：企业不满意，退回承办单位重新办理（服务大使；需 reason）' },
    REJECT: { description: '不予受理（服务大使；需 reason）' },
  },
});
