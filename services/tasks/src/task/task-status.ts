import { registerEnumType } from 'type-graphql';

/** Where a supervised task stands; red/yellow lights are derived from the deadline, not stored. */
export enum TaskStatus {
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
}

registerEnumType(TaskStatus, {
  name: 'TaskStatus',
  description: '督办任务状态',
  valuesConfig: {
    IN_PROGRESS: { description: '推进中' },
    DONE: { description: '已完成' },
  },
});
