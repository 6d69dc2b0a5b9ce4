import { subtreePrefix } from '@bizenv/common/region-code';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { ProgressReport } from '../report/progress-report.entity.js';
import { TaskStatus } from './task-status.js';
import { UnitRole } from './task-unit.entity.js';
import { SupervisedTask } from './task.entity.js';

export interface TaskCounts {
  total: number;
  open: number;
  overdue: number;
  red: number;
  yellow: number;
  green: number;
  behindTarget: number;
  reportsMissing: number;
}

/**
 * Counts over a region's subtree (and, for one unit, the tasks it leads and the reports it owes)
 * at `at`: each a count on the region, status and instant indexes, none a scan of the rows. The
 * lights come from the stored instants (deadline, warnAt, behindAt), so they change at their time.
 * Withdrawn tasks count nowhere (their unfiled reports were removed with them).
 */
export async function countTasks(dataSource: DataSource, scope: { regionCode: string; unitId?: string }, at: Date): Promise<TaskCounts> {
  const prefix = `${subtreePrefix(scope.regionCode)}%`;
  const tasks = (condition?: string): Promise<number> => {
    const query: SelectQueryBuilder<SupervisedTask> = dataSource
      .getRepository(SupervisedTask)
      .createQueryBuilder('t')
      .where('t.regionCode LIKE :prefix AND t.status <> :withdrawn', { prefix, withdrawn: TaskStatus.WITHDRAWN });
    if (scope.unitId) {
      query.innerJoin('supervised_task_unit', 'u', 'u.taskId = t.id AND u.unitId = :unitId AND u.role = :lead', { unitId: scope.unitId, lead: UnitRole.LEAD });
    }
    if (condition) query.andWhere(condition, { open: TaskStatus.IN_PROGRESS, at });
    return query.getCount();
  };
  const missing = dataSource
    .getRepository(ProgressReport)
    .createQueryBuilder('r')
    .where('r.regionCode LIKE :prefix AND r.submittedAt IS NULL AND r.dueAt < :at', { prefix, at });
  if (scope.unitId) missing.andWhere('r.unitId = :unitId', { unitId: scope.unitId });
  const [total, open, red, yellow, behindTarget, reportsMissing] = await Promise.all([
    tasks(),
    tasks('t.status = :open'),
    tasks('t.status = :open AND t.deadline < :at'),
    tasks('t.status = :open AND t.deadline >= :at AND t.warnAt <= :at'),
    tasks('t.status = :open AND t.behindAt <= :at'),
    missing.getCount(),
  ]);
  return { total, open, overdue: red, red, yellow, green: open - red - yellow, behindTarget, reportsMissing };
}
