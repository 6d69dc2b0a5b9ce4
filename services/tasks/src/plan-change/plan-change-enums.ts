import { registerEnumType } from 'type-graphql';

/** What a change record is about. */
export enum PlanItemKind {
  CAMPAIGN = 'CAMPAIGN',
  SPECIAL_ACTION = 'SPECIAL_ACTION',
  TASK = 'TASK',
}

export enum PlanChangeAction {
  UPDATE = 'UPDATE',
  WITHDRAW = 'WITHDRAW',
}

registerEnumType(PlanChangeAction, {
  name: 'PlanChangeAction',
  description: '修改或撤销',
  valuesConfig: {
    UPDATE: { description: '修改' },
    WITHDRAW: { description: '撤销（保留记录，不再计入列表和统计）' },
  },
});
