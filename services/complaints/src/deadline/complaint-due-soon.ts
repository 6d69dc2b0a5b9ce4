import { now } from '@bizenv/common/clock';
import { DispatchStatus, OPEN_STATUSES } from '@bizenv/common/closed-loop';
import type { DeadlineSource } from '@bizenv/common/deadline-watcher';
import { subtreePrefix } from '@bizenv/common/region-code';
import { In, LessThanOrEqual, Like, MoreThanOrEqual, Not, type DataSource, type FindOptionsWhere } from 'typeorm';
import { handlingUnitsById } from '../co-units/co-units.js';
import { Complaint } from '../complaint/complaint.entity.js';
import type { StatsScope } from '../stats/stats-types.js';

/**
 * Open complaints turning yellow (临期) when `yellowAt` comes, without a write: the watcher
 * announces `complaint.due-soon` then, once, with its own watermark (like `complaint.overdue`).
 */
export const complaintDueSoon: DeadlineSource<Complaint> = {
  name: 'complaint.due-soon',
  topic: 'complaint.due-soon',
  entity: Complaint,
  dueColumn: 'yellowAt',
  open: { dispatchStatus: Not(DispatchStatus.CLOSED) },
  unitsOf: handlingUnitsById,
};

/**
 * Yellow now, within a region subtree (and a lead unit): open, past `yellowAt`, not yet overdue
 * (a red item counts as overdue, not as due soon). Read from the `yellowAt` index.
 */
export class DueSoonCounter {
  constructor(private readonly dataSource: DataSource) {}

  count(scope: StatsScope): Promise<number> {
    const at = now();
    const where: FindOptionsWhere<Complaint> = {
      dispatchStatus: In(OPEN_STATUSES),
      regionCode: Like(`${subtreePrefix(scope.regionCode)}%`),
      yellowAt: LessThanOrEqual(at),
      dueAt: MoreThanOrEqual(at),
    };
    if (scope.unitId) where.unitId = scope.unitId;
    return this.dataSource.getRepository(Complaint).count({ where });
  }
}
