import type { RecomputeDeadlines } from '@bizenv/common/calendar-follower';
import { now } from '@bizenv/common/clock';
import type { RecordEvent } from '@bizenv/common/outbox';
import { updateVersioned } from '@bizenv/common/versioned-update';
import { endOfShanghaiDay, startOfShanghaiDay, type WorkingCalendar } from '@bizenv/common/working-days';
import type { EntityManager } from 'typeorm';
import { OPEN_PROBLEM } from '../ledger/ledger.service.js';
import { problemYellowAt } from '../ledger/problem-fields.js';
import { Problem } from '../ledger/problem.entity.js';
import { SupervisionStatus } from '../supervision/supervision-enums.js';
import { Supervision } from '../supervision/supervision.entity.js';
import { taskWarnAt } from '../task/task-light.js';
import { TaskStatus } from '../task/task-status.js';
import { SupervisedTask } from '../task/task.entity.js';

interface YearWindow {
  at: Date;
  yearStart: Date;
  yearEnd: Date;
  /**
   * Counting back a few working days reaches into `year` only from a day before the end of the
   * February after it (never two months of holidays), so later deadlines keep their yellow time.
   */
  backFrom: Date;
}

/**
 * After `year` was loaded: the times of open items counted in working days through that year and
 * not yet passed are counted again — a task's yellow time (5 working days before its deadline,
 * or when it fell behind pace), a problem's (the working day before its time limit) and a
 * supervision's response deadline (`responseWorkingDays` from `stepIssuedAt`). A light that
 * already came on, or a deadline already missed, stays. Only changed rows are written, each with
 * a new version and an event in its region, so the counts and screens over it refresh.
 */
export const recountTaskDeadlines: RecomputeDeadlines = async (manager, record, calendar, year) => {
  const window: YearWindow = {
    at: now(),
    yearStart: startOfShanghaiDay(`${year}-01-01`),
    yearEnd: endOfShanghaiDay(`${year}-12-31`),
    backFrom: new Date(startOfShanghaiDay(`${year + 1}-03-01`).getTime() - 1),
  };
  await recountTasks(manager, record, calendar, window);
  await recountProblems(manager, record, calendar, window);
  await recountSupervisions(manager, record, calendar, window);
};

async function recountTasks(manager: EntityManager, record: RecordEvent, calendar: WorkingCalendar, { at, yearStart, backFrom }: YearWindow): Promise<void> {
  const tasks = await manager
    .getRepository(SupervisedTask)
    .createQueryBuilder('t')
    .where('t.status = :open AND t.warnAt > :at', { open: TaskStatus.IN_PROGRESS, at })
    .andWhere('t.deadline >= :yearStart AND t.deadline <= :backFrom', { yearStart, backFrom })
    .getMany();
  const changes = (task: SupervisedTask): Partial<SupervisedTask> | null => {
    if (task.status !== TaskStatus.IN_PROGRESS || !task.warnAt || task.warnAt <= at) return null;
    const warnAt = taskWarnAt(task.deadline, task.behindAt ?? null, calendar);
    return warnAt.getTime() === task.warnAt.getTime() ? null : { warnAt };
  };
  await updateVersioned(manager, SupervisedTask, tasks, changes, (task) =>
    record({ topic: 'task.warning-changed', regionCode: task.regionCode, payload: { id: task.id, title: task.title, warnAt: task.warnAt!.toISOString() } }),
  );
}

async function recountProblems(manager: EntityManager, record: RecordEvent, calendar: WorkingCalendar, { at, yearStart, backFrom }: YearWindow): Promise<void> {
  const problems = await manager
    .getRepository(Problem)
    .createQueryBuilder('p')
    .where('p.status IN (:...open) AND p.yellowAt > :at', { open: OPEN_PROBLEM, at })
    .andWhere('p.timeLimit >= :yearStart AND p.timeLimit <= :backFrom', { yearStart, backFrom })
    .getMany();
  const changes = (problem: Problem): Partial<Problem> | null => {
    if (!OPEN_PROBLEM.includes(problem.status) || problem.yellowAt <= at) return null;
    const yellowAt = problemYellowAt(problem.timeLimit, calendar);
    return yellowAt.getTime() === problem.yellowAt.getTime() ? null : { yellowAt };
  };
  await updateVersioned(manager, Problem, problems, changes, (problem) =>
    record({ topic: 'problem.yellow-changed', regionCode: problem.regionCode, payload: { id: problem.id, title: problem.title, yellowAt: problem.yellowAt.toISOString() } }),
  );
}

async function recountSupervisions(manager: EntityManager, record: RecordEvent, calendar: WorkingCalendar, { at, yearStart, yearEnd }: YearWindow): Promise<void> {
  const supervisions = await manager
    .getRepository(Supervision)
    .createQueryBuilder('s')
    .where('s.status = :awaiting AND s.responseDueAt > :at', { awaiting: SupervisionStatus.AWAITING_RESPONSE, at })
    .andWhere('s.stepIssuedAt <= :yearEnd AND s.responseDueAt >= :yearStart', { yearStart, yearEnd })
    .getMany();
  const changes = (supervision: Supervision): Partial<Supervision> | null => {
    if (supervision.status !== SupervisionStatus.AWAITING_RESPONSE || supervision.responseDueAt <= at) return null;
    const { dueAt, provisional } = calendar.addWorkingDays(supervision.stepIssuedAt, supervision.responseWorkingDays);
    const same = dueAt.getTime() === supervision.responseDueAt.getTime() && provisional === supervision.deadlineProvisional;
    return same ? null : { responseDueAt: dueAt, deadlineProvisional: provisional };
  };
  await updateVersioned(manager, Supervision, supervisions, changes, (supervision) =>
    record({
      topic: 'supervision.deadline-changed',
      regionCode: supervision.regionCode,
      payload: { id: supervision.id, title: supervision.title, responseDueAt: supervision.responseDueAt.toISOString(), deadlineProvisional: supervision.deadlineProvisional },
    }),
  );
}
