import { registerEnumType } from 'type-graphql';

/** The escalation ladder, lowest first: 催办 → 督办单 → 挂牌督办 → 通报. */
export enum SupervisionLevel {
  REMINDER = 'REMINDER',
  ORDER = 'ORDER',
  FLAGGED = 'FLAGGED',
  BULLETIN = 'BULLETIN',
}

export enum SupervisionStatus {
  AWAITING_RESPONSE = 'AWAITING_RESPONSE',
  RESPONDED = 'RESPONDED',
  CLOSED = 'CLOSED',
}

export enum SupervisionTargetKind {
  TASK = 'TASK',
  PROBLEM = 'PROBLEM',
}

export enum SupervisionAction {
  ESCALATE = 'ESCALATE',
  RESPOND = 'RESPOND',
  CLOSE = 'CLOSE',
}

/** 通报 names good and bad examples. */
export enum BulletinVerdict {
  COMMENDED = 'COMMENDED',
  CRITICISED = 'CRITICISED',
}

registerEnumType(SupervisionLevel, {
  name: 'SupervisionLevel',
  description: '督办级别，由低到高',
  valuesConfig: {
    REMINDER: { description: '催办' },
    ORDER: { description: '督办单' },
    FLAGGED: { description: '挂牌督办' },
    BULLETIN: { description: '通报（须指明点名批评该单位的通报）' },
  },
});

registerEnumType(SupervisionStatus, {
  name: 'SupervisionStatus',
  description: '督办状态',
  valuesConfig: {
    AWAITING_RESPONSE: { description: '待单位回复' },
    RESPONDED: { description: '单位已回复' },
    CLOSED: { description: '已解除督办' },
  },
});

registerEnumType(SupervisionTargetKind, {
  name: 'SupervisionTargetKind',
  description: '督办对象',
  valuesConfig: { TASK: { description: '督办任务' }, PROBLEM: { description: '整改问题' } },
});

registerEnumType(SupervisionAction, {
  name: 'SupervisionAction',
  description: '督办记录中的操作',
  valuesConfig: {
    ESCALATE: { description: '发起或升级督办（督办人员）' },
    RESPOND: { description: '单位回复（本单位承办人）' },
    CLOSE: { description: '解除督办（督办人员）' },
  },
});

registerEnumType(BulletinVerdict, {
  name: 'BulletinVerdict',
  description: '通报中的评价',
  valuesConfig: { COMMENDED: { description: '表扬（正面典型）' }, CRITICISED: { description: '批评（反面典型）' } },
});
