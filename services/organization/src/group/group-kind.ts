import { registerEnumType } from 'type-graphql';

export enum GroupKind {
  LEADING_GROUP = 'LEADING_GROUP',
  OFFICE = 'OFFICE',
  WORK_GROUP = 'WORK_GROUP',
  SPECIAL_ACTION_GROUP = 'SPECIAL_ACTION_GROUP',
  TASK_FORCE = 'TASK_FORCE',
}

registerEnumType(GroupKind, {
  name: 'GroupKind',
  description: '组织类型',
  valuesConfig: {
    LEADING_GROUP: { description: '领导小组' },
    OFFICE: { description: '办公室（领导小组办公室）' },
    WORK_GROUP: { description: '工作组' },
    SPECIAL_ACTION_GROUP: { description: '专项行动组' },
    TASK_FORCE: { description: '工作专班' },
  },
});
