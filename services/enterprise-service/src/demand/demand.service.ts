import { randomUUID } from 'node:crypto';
import { ownUnitOnly, Permission, requireItem, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DispatchStatus, OPEN_STATUSES } from '@bizenv/common/closed-loop';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import type { DeadlineSource } from '@bizenv/common/deadline-watcher';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { subtreePrefix } from '@bizenv/common/region-code';
import type { RecordEvent } from '@bizenv/common/outbox';
import { requireRegionCode, requireText, requireUuid } from '@bizenv/common/validate';
import { In, LessThan, Not, type DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Enterprise } from '../enterprise/enterprise.entity.js';
import { demandDeadline } from './demand-deadline.js';
import type { WorkingCalendar } from '@bizenv/common/working-days';
import type { DemandFilter } from './demand-inputs.js';
import { DemandSource } from './demand-source.js';
import { Demand } from './demand.entity.js';

/** What a new demand says; `field` prefixes the input field names in errors (e.g. `demands[1]`). */
export interface DemandDraft {
  enterprise: Enterprise;
  title: string;
  content?: string | null;
  source: DemandSource;
  visitId?: string | null;
  photos?: string[] | null;
  field?: string;
}

const MAX_PHOTOS = 9;

export class DemandService {
  constructor(
    private readonly dataSource: DataSource,
    /** This subgraph's working calendar, with the years loaded at run time. */
    private readonly calendar: WorkingCalendar,
  ) {}

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

  /**
   * 提出诉求, checks only: the one way a demand comes in (raised on a visit, reported by a
   * monitoring point). It starts awaiting dispatch (待转办), due in the demand working days.
   * The caller has been allowed to write about `enterprise`.
   */
  draft({ enterprise, title, content, source, visitId, photos, field }: DemandDraft): Demand {
    const at = (name: string) => (field ? `${field}.${name}` : name);
    if ((photos?.length ?? 0) > MAX_PHOTOS) throw new DomainError(ErrorCode.BadUserInput, `照片最多${MAX_PHOTOS}张`, { field: at('photos') });
    const raisedAt = now();
    const deadline = demandDeadline(raisedAt, this.calendar);
    return {
      id: randomUUID(),
      enterpriseId: enterprise.id,
      title: requireText(title, at('title'), '诉求标题', 200),
      content: content == null ? null : requireText(content, at('content'), '诉求详情', 2000),
      regionCode: enterprise.regionCode,
      unitId: null,
      raisedAt,
      dueAt: deadline.dueAt,
      deadlineProvisional: deadline.provisional,
      status: DispatchStatus.AWAITING_DISPATCH,
      version: 1,
      source,
      visitId: visitId ?? null,
      photos: photos?.length ? photos.map((photo, i) => requireText(photo, at(`photos[${i}]`), '照片地址', 500)) : null,
    };
  }

  /** Stores a drafted demand inside the caller's outbox transaction; the screen's feed shows it received. */
  async raise(manager: EntityManager, record: RecordEvent, demand: Demand): Promise<void> {
    await manager.insert(Demand, demand);
    record({ topic: 'demand.received', regionCode: demand.regionCode, payload: { id: demand.id, title: demand.title, source: demand.source } });
  }

  /** Demands raised in a visit the caller may see, oldest first; a unit operator gets their unit's only. */
  async ofVisit(caller: Caller | null, visitId: string): Promise<Demand[]> {
    const known = requirePermission(caller, Permission.ENTERPRISE_READ);
    const demands = await this.dataSource.getRepository(Demand).find({ where: { visitId }, order: { raisedAt: 'ASC', id: 'ASC' } });
    return ownUnitOnly(known) ? demands.filter((demand) => known.unitId && demand.unitId === known.unitId) : demands;
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
