import { DEFAULT_YELLOW_WORKING_DAYS, yellowAt } from '@bizenv/common/lights';
import type { ListScope } from '@bizenv/common/auth';
import { subtreePrefix } from '@bizenv/common/region-code';
import { fromSqlDate } from '@bizenv/common/sql-date';
import { officialCalendar } from '@bizenv/common/working-days';
import type { EntityManager } from 'typeorm';
import { OPEN_PROBLEM } from '../ledger/ledger.service.js';
import { Problem } from '../ledger/problem.entity.js';
import { TaskStatus } from '../task/task-status.js';
import { SupervisedTaskUnit, UnitRole } from '../task/task-unit.entity.js';
import { SupervisedTask } from '../task/task.entity.js';
import type { EvaluationItem } from './evaluation-item.js';

type RawDate = string | Date | null;

interface TaskRow {
  unitId: string;
  deadline: RawDate;
  status: TaskStatus;
  createdAt: RawDate;
  completedAt: RawDate;
  warnAt: RawDate;
}

const date = (value: RawDate) => (value === null ? null : fromSqlDate(value));

/**
 * The tasks and problems of a scope, each attributed to the unit that answers for it: every lead
 * unit of a task (a task led by two units counts for both), the responsible unit of a problem.
 */
export async function evaluationItems(manager: EntityManager, scope: ListScope, campaignId: string | null): Promise<EvaluationItem[]> {
  const prefix = `${subtreePrefix(scope.regionCode)}%`;
  const tasks = manager
    .getRepository(SupervisedTask)
    .createQueryBuilder('t')
    .leftJoin(SupervisedTaskUnit, 'u', 'u.taskId = t.id AND u.role = :lead', { lead: UnitRole.LEAD })
    .select('COALESCE(u.unitId, t.leadUnitId)', 'unitId')
    .addSelect(['t.deadline AS deadline', 't.status AS status', 't.createdAt AS createdAt', 't.completedAt AS completedAt', 't.warnAt AS warnAt'])
    .where('t.regionCode LIKE :prefix AND t.status <> :withdrawn', { prefix, withdrawn: TaskStatus.WITHDRAWN });
  const problems = manager.getRepository(Problem).createQueryBuilder('p').where('p.regionCode LIKE :prefix', { prefix });
  if (campaignId) {
    tasks.andWhere('t.campaignId = :campaignId', { campaignId });
    problems.andWhere('p.campaignId = :campaignId', { campaignId });
  }
  if (scope.unitId) {
    tasks.andWhere('COALESCE(u.unitId, t.leadUnitId) = :unitId', { unitId: scope.unitId });
    problems.andWhere('p.responsibleUnitId = :unitId', { unitId: scope.unitId });
  }
  const [taskRows, problemRows] = await Promise.all([tasks.getRawMany<TaskRow>(), problems.getMany()]);
  return [
    ...taskRows.map((row): EvaluationItem => {
      const dueAt = date(row.deadline)!;
      const closed = row.status === TaskStatus.DONE;
      const closedAt = closed ? date(row.completedAt) : null;
      return {
        kind: 'TASK',
        unitId: row.unitId,
        createdAt: date(row.createdAt),
        dueAt,
        yellowAt: date(row.warnAt) ?? yellowAt(dueAt, DEFAULT_YELLOW_WORKING_DAYS, officialCalendar),
        closed,
        closedAt,
        onTime: closedAt ? closedAt <= dueAt : null,
      };
    }),
    ...problemRows.map((problem): EvaluationItem => {
      const closed = !OPEN_PROBLEM.includes(problem.status);
      return {
        kind: 'PROBLEM',
        unitId: problem.responsibleUnitId,
        createdAt: problem.createdAt,
        dueAt: problem.timeLimit,
        yellowAt: problem.yellowAt,
        closed,
        closedAt: problem.closedAt,
        onTime: closed && problem.signOffRequestedAt ? problem.signOffRequestedAt <= problem.timeLimit : null,
      };
    }),
  ];
}
