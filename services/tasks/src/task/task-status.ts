import { registerEnumType } from 'type-graphql';

/** Where a supervised task stands; red/yellow lights are derived from the deadline, not stored. */
export enum TaskStatus {
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  /** 撤销: kept with its history, out of lists (unless asked for) and of every count. */
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(TaskStatus, {
  name: 'TaskStatus',
  description: '督办任务状态',
  valuesConfig: {
    IN_PROGRESS: { description: '推进中' },
    DONE: { description: '已完成' },
    WITHDRAWN: { description: '已撤销（保留记录，不计入统计；列表中须按此状态筛选才列出）' },
  },
});
