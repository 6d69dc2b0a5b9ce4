import { requireRegion, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DispatchStatus, OPEN_STATUSES } from '@bizenv/common/closed-loop';
import type { DeadlineSource } from '@bizenv/common/deadline-watcher';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { In, LessThan, Not, type DataSource, type FindOptionsWhere } from 'typeorm';
import { Demand } from './demand.entity.js';

export class DemandService {
  constructor(private readonly dataSource: DataSource) {}

  async get(caller: Caller | null, id: string): Promise<Demand> {
    const demand = await this.dataSource.getRepository(Demand).findOneBy({ id });
    if (!demand) throw new DomainError(ErrorCode.NotFound, '未找到该诉求', { id });
    requireRegion(caller, demand.regionCode);
    return demand;
  }

  /** Unscoped: callers check the region first. Open = not yet closed; overdue = open and past due. */
  async countOpen(where: FindOptionsWhere<Demand>): Promise<{ open: number; overdue: number }> {
    const repository = this.dataSource.getRepository(Demand);
    const open = { ...where, status: In(OPEN_STATUSES) };
    const [openCount, overdue] = await Promise.all([
      repository.count({ where: open }),
      repository.count({ where: { ...open, dueAt: LessThan(now()) } }),
    ]);
    return { open: openCount, overdue };
  }

  /** Open demands whose deadline passes: the screen's overdue count changes then. */
  readonly deadlines: DeadlineSource<Demand> = {
    name: 'demand',
    topic: 'demand.overdue',
    entity: Demand,
    dueColumn: 'dueAt',
    open: { status: Not(DispatchStatus.CLOSED) },
  };
}
