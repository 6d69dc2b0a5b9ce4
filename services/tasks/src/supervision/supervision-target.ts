import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { EntityManager } from 'typeorm';
import { OPEN_PROBLEM } from '../ledger/ledger.service.js';
import { Problem } from '../ledger/problem.entity.js';
import { TaskStatus } from '../task/task-status.js';
import { SupervisedTask } from '../task/task.entity.js';
import { SupervisionTargetKind } from './supervision-enums.js';

/** What a supervision needs of the task or problem it supervises. */
export interface SupervisionTarget {
  title: string;
  regionCode: string;
  /** The unit that must respond: a task's lead unit, a problem's responsible unit. */
  unitId: string;
  open: boolean;
}

export async function loadTarget(manager: EntityManager, kind: SupervisionTargetKind, id: string): Promise<SupervisionTarget> {
  if (kind === SupervisionTargetKind.TASK) {
    const task = await manager.findOneBy(SupervisedTask, { id });
    if (task) return { title: task.title, regionCode: task.regionCode, unitId: task.leadUnitId, open: task.status === TaskStatus.IN_PROGRESS };
  } else {
    const problem = await manager.findOneBy(Problem, { id });
    if (problem) return { title: problem.title, regionCode: problem.regionCode, unitId: problem.responsibleUnitId, open: OPEN_PROBLEM.includes(problem.status) };
  }
  throw new DomainError(ErrorCode.NotFound, kind === SupervisionTargetKind.TASK ? '未找到该督办任务' : '未找到该问题', { id, field: 'targetId' });
}

/** Only unfinished work is supervised: a done task or a signed-off problem is not escalated. */
export function requireOpenTarget(target: SupervisionTarget): void {
  if (!target.open) {
    throw new DomainError(ErrorCode.InvalidTransition, '该事项已完成或已销号，不能再督办；如需结束请解除督办', { field: 'targetId' });
  }
}

export const activeKey = (kind: SupervisionTargetKind, id: string) => `${kind}:${id}`;
