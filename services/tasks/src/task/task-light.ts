import { Light, lightOf, yellowAt } from '@bizenv/common/lights';
import { officialCalendar, type WorkingCalendar } from '@bizenv/common/working-days';
import { TaskStatus } from './task-status.js';

/**
 * A task runs for months, so it turns yellow a working week before its deadline day (complaints,
 * due in days, use one working day), or earlier when it falls behind its target pace.
 */
export const TASK_YELLOW_WORKING_DAYS = 5;

/**
 * From when a task is yellow: near its deadline or behind pace, whichever comes first. Counted
 * with the subgraph's calendar (years loaded at run time); the packaged one only in migrations.
 */
export function taskWarnAt(deadline: Date, behindAt: Date | null, calendar: WorkingCalendar = officialCalendar): Date {
  const near = yellowAt(deadline, TASK_YELLOW_WORKING_DAYS, calendar);
  return behindAt && behindAt < near ? behindAt : near;
}

const NEVER = new Date(8.64e15);

/**
 * The light of a task at `at`, from the stored instants the counts use (so they agree); none
 * once it is done or withdrawn. A row written around the service without `warnAt` is never yellow.
 */
export function taskLight(task: { status: TaskStatus; deadline: Date; warnAt?: Date | null }, at: Date): Light | null {
  if (task.status !== TaskStatus.IN_PROGRESS) return null;
  return lightOf({ dueAt: task.deadline, yellowAt: task.warnAt ?? NEVER }, at);
}
