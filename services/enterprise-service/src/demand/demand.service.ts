import { Permission, requireItem, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DispatchStatus, OPEN_STATUSES } from '@bizenv/common/closed-loop';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import type { DeadlineSource } from '@bizenv/common/deadline-watcher';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireUuid } from '@bizenv/common/validate';
import { In, LessThan, Not, type DataSource, type FindOptionsWhere } from 'typeorm';
import type { DemandFilter } from './demand-inputs.js';
import { Demand } from './demand.entity.js';

export class DemandService {
  constructor(private readonly dataSource: DataSource) {}

  /** One demand; a unit operator sees only those dispatched to their unit. */
  async get(caller: Caller | null, id: string): Promise<Demand> {
    requirePermission(caller, Permission.ENTERPRISE_READ);
    const demand = await this.dataSource.getRepository(Demand).findOneBy({ id });
    if (!demand) throw new DomainError(ErrorCode.NotFound, '未找到该诉求', { id });
    requireItem(caller, Permission.ENTERPRISE_READ, demand);
    return demand;
  }

  /** Newest first; filtered to what the caller may see before counting. */
  list(caller: Caller | null, filter: DemandFilter, page: PageArgs): Promise<Page<Demand>> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    if (filter.unitId != null) requireUuid(filter.unitId, 'filter.unitId', '承办单位');
    const scope = requireListScope(caller, Permission.ENTERPRISE_READ, filter.regionCode);
    const query = this.dataSource
      .getRepository(Demand)
      .createQueryBuilder('d')
      .where('d.regionCode LIKE :prefix', { prefix: `${subtreePrefix(scope.regionCode)}%` });
    if (scope.unitId) query.andWhere('d.unitId = :ownUnit', { ownUnit: scope.unitId });
    if (filter.unitId != null) query.andWhere('d.unitId = :unitId', { unitId: filter.unitId });
    if (filter.status != null) query.andWhere('d.status = :status', { status: filter.status });
    if (filter.overdue != null) {
      const condition = filter.overdue ? '(d.status <> :closed AND d.dueAt < :now)' : '(d.status = :closed OR d.dueAt >= :now)';
      query.andWhere(condition, { closed: DispatchStatus.CLOSED, now: now() });
    }
    return paginate(
      query,
      [
        { column: 'd.raisedAt', property: 'raisedAt', direction: 'DESC' },
        { column: 'd.id', property: 'id', direction: 'DESC' },
      ],
      page,
    );
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
