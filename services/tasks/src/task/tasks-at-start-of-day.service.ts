import { Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode } from '@bizenv/common/validate';
import { shanghaiDate, startOfShanghaiDay } from '@bizenv/common/working-days';
import type { DataSource } from 'typeorm';
import { TaskStatus } from './task-status.js';
import { SupervisedTask } from './task.entity.js';
import type { TasksAtStartOfDay } from './tasks-at-start-of-day.js';

/**
 * The region's red and yellow tasks at today's 00:00 (Asia/Shanghai), with the lights of
 * `countTasks`: a task counts if it was registered before 00:00 (rows without `createdAt` predate
 * it), was neither done nor withdrawn before 00:00, and its deadline (red) or else its `warnAt`
 * (yellow) had passed. Two counts on the region, deadline and warning indexes, no rows loaded.
 * The deadline and `warnAt` are the current row's: a deadline changed today (updateSupervisedTask)
 * or actuals reported today that moved `behindAt` are not replayed, so such a task counts by its
 * instants as they stand now.
 */
export class TasksAtStartOfDayService {
  constructor(private readonly dataSource: DataSource) {}

  async figures(caller: Caller | null, regionCode: string): Promise<TasksAtStartOfDay> {
    requireRegionCode(regionCode, 'code');
    requirePermission(caller, Permission.STATS_READ, regionCode);
    const at = startOfShanghaiDay(shanghaiDate(now()));
    const standing = (light: string) =>
      this.dataSource
        .getRepository(SupervisedTask)
        .createQueryBuilder('t')
        .where('t.regionCode LIKE :prefix', { prefix: `${subtreePrefix(regionCode)}%` })
        .andWhere('(t.createdAt IS NULL OR t.createdAt < :at)')
        .andWhere(
          '(t.status = :open OR (t.status = :done AND t.completedAt >= :at) OR (t.status = :withdrawn AND t.withdrawnAt >= :at))',
          { open: TaskStatus.IN_PROGRESS, done: TaskStatus.DONE, withdrawn: TaskStatus.WITHDRAWN },
        )
        .andWhere(light, { at })
        .getCount();
    const [red, yellow] = await Promise.all([standing('t.deadline < :at'), standing('t.deadline >= :at AND t.warnAt <= :at')]);
    return { at, red, yellow };
  }
}
