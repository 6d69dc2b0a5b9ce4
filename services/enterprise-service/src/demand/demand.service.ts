import { randomUUID } from 'node:crypto';
import { ownUnitOnly, Permission, requireItem, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DispatchStatus, OPEN_STATUSES, SATISFIED_RATINGS } from '@bizenv/common/closed-loop';
import { governedBy } from '@bizenv/common/closed-loop-deadlines';
import { checkStep, closedLoopStepFields, writeStep } from '@bizenv/common/closed-loop-transitions';
import { Light } from '@bizenv/common/lights';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import type { DeadlineSource } from '@bizenv/common/deadline-watcher';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { subtreePrefix } from '@bizenv/common/region-code';
import type { Outbox, RecordEvent } from '@bizenv/common/outbox';
import { requireRegionCode, requireText, requireUuid } from '@bizenv/common/validate';
import { In, LessThan, Not, type DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Enterprise } from '../enterprise/enterprise.entity.js';
import { demandDeadlines } from './demand-deadline.js';
import type { WorkingCalendar } from '@bizenv/common/working-days';
import type { ActOnDemandInput, DemandFilter } from './demand-inputs.js';
import { readDemandTimeline, recordDemandStep } from './demand-timeline.js';
import { DemandTimelineEntry } from './demand-timeline-entry.entity.js';
import { DEMAND_NOUN, DEMAND_TRANSITIONS } from './demand-transitions.js';
import { DemandSource } from './demand-source.js';
import { Demand } from './demand.entity.js';
import { VisitVisitor } from '../visit/visit-visitor.entity.js';

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

/** Whose demands' ratings: a region subtree, optionally one handling unit or one visitor's visits. */
export interface RatingScope {
  regionCode: string;
  unitId?: string;
  visitorId?: string;
}

/** The enterprises' ratings at 回访 and the share satisfied (null: none yet). */
export interface DemandRatings {
  rated: number;
  satisfied: number;
  satisfaction: number | null;
}

/** An open demand's light as SQL over `d` (`:now`), the same as `lightOf`. */
const LIGHT_CONDITIONS: Record<Light, string> = {
  RED: 'd.dueAt < :now',
  YELLOW: 'd.dueAt >= :now AND d.yellowAt <= :now',
  GREEN: 'd.dueAt >= :now AND (d.yellowAt IS NULL OR d.yellowAt > :now)',
};

export class DemandService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    /** This subgraph's working calendar, with the years loaded at run time. */
    private readonly calendar: WorkingCalendar,
  ) {}

  /** One demand; a unit operator sees only those dispatched to their unit. */
  async get(caller: Caller | null, id: string): Promise<Demand> {
    requirePermission(caller, Permission.ENTERPRISE_READ);
    const demand = await this.load(id);
    requireItem(caller, Permission.ENTERPRISE_READ, demand);
    return demand;
  }

  /**
   * Applies one closed-loop action as the shared transition table says (the complaints' loop),
   * with a conditional update on (id, version, status): of two concurrent actors exactly one
   * wins, the other gets CONFLICT. Demand, timeline and event change together or not at all.
   */
  async act(caller: Caller | null, input: ActOnDemandInput): Promise<Demand> {
    const rule = DEMAND_TRANSITIONS[input.action];
    if (!rule) throw new DomainError(ErrorCode.BadUserInput, '未知的操作', { field: 'action' });
    const fields = closedLoopStepFields(rule, input);
    requirePermission(caller, rule.permission);
    const current = await this.load(input.id);
    const actor = checkStep(caller, rule, current, current.status, input, DEMAND_NOUN);
    const satisfaction = fields.satisfaction ?? rule.impliedSatisfaction ?? null;
    const changes: Partial<Demand> = { status: rule.to };
    if (fields.unitId) changes.unitId = fields.unitId;
    if (rule.clearsUnit) changes.unitId = null;
    if (fields.reply) changes.reply = fields.reply;
    if (satisfaction) changes.satisfaction = satisfaction;
    if (rule.dueAt) Object.assign(changes, governedBy(current, rule.dueAt, this.calendar));
    return this.outbox.write(async (manager, record) => {
      await writeStep(manager, Demand, 'status', current, rule, changes, DEMAND_NOUN);
      const updated = await manager.findOneByOrFail(Demand, { id: current.id });
      await recordDemandStep(manager, actor, {
        demandId: updated.id,
        action: input.action,
        fromStatus: current.status,
        toStatus: updated.status,
        // The unit dispatched to, or the unit that acted (also when 退回 clears it).
        unitId: updated.unitId ?? current.unitId,
        reason: fields.reason ?? null,
        reply: fields.reply ?? null,
        satisfaction,
        at: now(),
      });
      // Never the reply or a reason: events reach every screen of the region.
      // The unit it is with, or the unit that returned it: a unit operator's feed shows its own steps.
      const unitId = updated.unitId ?? current.unitId;
      record({ topic: `demand.${updated.status.toLowerCase()}`, regionCode: updated.regionCode, payload: eventPayload(updated, unitId ? [unitId] : []) });
      return updated;
    });
  }

  /** 办理记录, oldest first; visible to whoever may see the demand. */
  async timeline(caller: Caller | null, demand: Demand): Promise<DemandTimelineEntry[]> {
    requireItem(caller, Permission.ENTERPRISE_READ, demand);
    return readDemandTimeline(this.dataSource.manager, demand.id);
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
    if (filter.light != null) query.andWhere(`d.status <> :closed AND ${LIGHT_CONDITIONS[filter.light]}`, { closed: DispatchStatus.CLOSED, now: now() });
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
    return {
      id: randomUUID(),
      enterpriseId: enterprise.id,
      title: requireText(title, at('title'), '诉求标题', 200),
      content: content == null ? null : requireText(content, at('content'), '诉求详情', 2000),
      regionCode: enterprise.regionCode,
      unitId: null,
      raisedAt,
      ...demandDeadlines(raisedAt, this.calendar),
      status: DispatchStatus.AWAITING_DISPATCH,
      version: 1,
      reply: null,
      satisfaction: null,
      source,
      visitId: visitId ?? null,
      photos: photos?.length ? photos.map((photo, i) => requireText(photo, at(`photos[${i}]`), '照片地址', 500)) : null,
    };
  }

  /** Stores a drafted demand inside the caller's outbox transaction; the screen's feed shows it received. */
  async raise(manager: EntityManager, record: RecordEvent, demand: Demand): Promise<void> {
    await manager.insert(Demand, demand);
    record({ topic: 'demand.received', regionCode: demand.regionCode, payload: { id: demand.id, title: demand.title, source: demand.source, unitIds: [] } });
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

  /**
   * 满意率 over the enterprises' ratings at 回访 (办结 satisfied, 重办 dissatisfied) of demands in
   * `regionCode`'s subtree, and if given handled by `unitId` or raised on a visit `visitorId` made:
   * unscoped, callers check first.
   */
  async ratings({ regionCode, unitId, visitorId }: RatingScope): Promise<DemandRatings> {
    const query = this.dataSource
      .createQueryBuilder()
      .select('COUNT(*)', 'rated')
      .addSelect('SUM(CASE WHEN e.satisfaction IN (:...satisfied) THEN 1 ELSE 0 END)', 'satisfied')
      .from(DemandTimelineEntry, 'e')
      .innerJoin(Demand, 'd', 'd.id = e.demandId')
      .where('d.regionCode LIKE :prefix', { prefix: `${subtreePrefix(regionCode)}%`, satisfied: SATISFIED_RATINGS })
      .andWhere('e.satisfaction IS NOT NULL');
    if (unitId) query.andWhere('e.unitId = :unitId', { unitId });
    if (visitorId) query.innerJoin(VisitVisitor, 'vv', 'vv.visitId = d.visitId').andWhere('vv.personId = :visitorId', { visitorId });
    const row = await query.getRawOne<{ rated: string | number; satisfied: string | number | null }>();
    const rated = Number(row?.rated ?? 0);
    const satisfied = Number(row?.satisfied ?? 0);
    return { rated, satisfied, satisfaction: rated ? satisfied / rated : null };
  }

  private async load(id: string): Promise<Demand> {
    const demand = await this.dataSource.getRepository(Demand).findOneBy({ id });
    if (!demand) throw new DomainError(ErrorCode.NotFound, '未找到该诉求', { id });
    return demand;
  }

  /** Open demands whose deadline passes: the screen's overdue count changes then. */
  readonly deadlines: DeadlineSource<Demand> = {
    name: 'demand',
    topic: 'demand.overdue',
    entity: Demand,
    dueColumn: 'dueAt',
    open: { status: Not(DispatchStatus.CLOSED) },
    unitsOf: handlingUnitsById,
  };
}

/** Open demands turning yellow (临期) when `yellowAt` comes: announced once, as `demand.due-soon`. */
export const demandDueSoon: DeadlineSource<Demand> = {
  name: 'demand.due-soon',
  topic: 'demand.due-soon',
  entity: Demand,
  dueColumn: 'yellowAt',
  open: { status: Not(DispatchStatus.CLOSED) },
  unitsOf: handlingUnitsById,
};

/** The unit each demand is with, for the deadline watchers' events (a unit operator's feed). */
async function handlingUnitsById(manager: EntityManager, ids: string[]): Promise<Map<string, string[]>> {
  const demands = await manager.find(Demand, { select: { id: true, unitId: true }, where: { id: In(ids) } });
  return new Map(demands.map((demand) => [demand.id, demand.unitId ? [demand.unitId] : []]));
}

/** What a demand's step events carry: never a reply or a reason. */
export function eventPayload(demand: Demand, unitIds: readonly string[]) {
  return { id: demand.id, title: demand.title, status: demand.status, unitId: demand.unitId, unitIds };
}
