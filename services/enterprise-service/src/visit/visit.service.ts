import { randomUUID } from 'node:crypto';
import { ownUnitOnly, Permission, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireText, requireUuid } from '@bizenv/common/validate';
import type { DataSource } from 'typeorm';
import { DemandSource } from '../demand/demand-source.js';
import { Demand } from '../demand/demand.entity.js';
import type { DemandService } from '../demand/demand.service.js';
import type { EnterpriseService } from '../enterprise/enterprise.service.js';
import type { RecordVisitInput, VisitFilter } from './visit-inputs.js';
import { VisitVisitor } from './visit-visitor.entity.js';
import { Visit } from './visit.entity.js';

const MAX_VISITORS = 20;
const MAX_DEMANDS = 20;

export class VisitService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly enterprises: EnterpriseService,
    private readonly demands: DemandService,
  ) {}

  /**
   * 走访 and the demands raised in it, in one transaction: each demand goes through the one
   * demand intake (`DemandService.draft`/`raise`) and links back to the visit.
   */
  async record(caller: Caller | null, input: RecordVisitInput): Promise<Visit> {
    const enterprise = await this.enterprises.forWrite(caller, input.enterpriseId);
    const operator = requirePermission(caller, Permission.ENTERPRISE_WRITE, enterprise.regionCode);
    const visitorIds = visitors(input.visitorIds);
    if (input.visitedAt.getTime() > now().getTime()) throw new DomainError(ErrorCode.BadUserInput, '走访时间不能晚于现在', { field: 'visitedAt' });
    if (input.demands.length > MAX_DEMANDS) throw new DomainError(ErrorCode.BadUserInput, `一次走访最多登记${MAX_DEMANDS}项诉求`, { field: 'demands' });
    const visit: Visit = {
      id: randomUUID(),
      enterpriseId: enterprise.id,
      regionCode: enterprise.regionCode,
      visitedAt: input.visitedAt,
      notes: input.notes == null ? null : requireText(input.notes, 'notes', '走访情况', 2000),
      recordedById: operator.id,
      recordedByName: operator.name,
      recordedAt: now(),
    };
    const demands = input.demands.map((demand, i) =>
      this.demands.draft({ enterprise, title: demand.title, content: demand.content, source: DemandSource.VISIT, visitId: visit.id, field: `demands[${i}]` }),
    );
    await this.outbox.write(async (manager, record) => {
      await manager.insert(Visit, visit);
      await manager.insert(VisitVisitor, visitorIds.map((personId) => ({ visitId: visit.id, personId })));
      for (const demand of demands) await this.demands.raise(manager, record, demand);
      record({ topic: 'visit.recorded', regionCode: visit.regionCode, payload: { id: visit.id, demands: demands.length } });
    });
    return visit;
  }

  /** One visit in the caller's region; a unit operator sees visits that raised a demand for their unit. */
  async get(caller: Caller | null, id: string): Promise<Visit> {
    requirePermission(caller, Permission.ENTERPRISE_READ);
    const visit = await this.dataSource.getRepository(Visit).findOneBy({ id });
    if (!visit) throw new DomainError(ErrorCode.NotFound, '未找到该走访记录', { id });
    const known = requirePermission(caller, Permission.ENTERPRISE_READ, visit.regionCode);
    if (ownUnitOnly(known) && !(known.unitId && (await this.dataSource.getRepository(Demand).existsBy({ visitId: id, unitId: known.unitId })))) {
      throw new DomainError(ErrorCode.Forbidden, '仅可查看提出本单位承办诉求的走访');
    }
    return visit;
  }

  /** Most recent visit first; filtered to what the caller may see before counting. */
  list(caller: Caller | null, filter: VisitFilter, page: PageArgs): Promise<Page<Visit>> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    if (filter.enterpriseId != null) requireUuid(filter.enterpriseId, 'filter.enterpriseId', '企业');
    if (filter.visitorId != null) requireUuid(filter.visitorId, 'filter.visitorId', '走访人员');
    const scope = requireListScope(caller, Permission.ENTERPRISE_READ, filter.regionCode);
    const query = this.dataSource
      .getRepository(Visit)
      .createQueryBuilder('v')
      .where('v.regionCode LIKE :prefix', { prefix: `${subtreePrefix(scope.regionCode)}%` });
    if (scope.unitId) query.andWhere('EXISTS (SELECT 1 FROM demand d WHERE d.visitId = v.id AND d.unitId = :ownUnit)', { ownUnit: scope.unitId });
    if (filter.enterpriseId != null) query.andWhere('v.enterpriseId = :enterpriseId', { enterpriseId: filter.enterpriseId });
    if (filter.visitorId != null) query.andWhere('EXISTS (SELECT 1 FROM visit_visitor vv WHERE vv.visitId = v.id AND vv.personId = :visitorId)', { visitorId: filter.visitorId });
    if (filter.from != null) query.andWhere('v.visitedAt >= :from', { from: filter.from });
    if (filter.to != null) query.andWhere('v.visitedAt < :to', { to: filter.to });
    return paginate(
      query,
      [
        { column: 'v.visitedAt', property: 'visitedAt', direction: 'DESC' },
        { column: 'v.id', property: 'id', direction: 'DESC' },
      ],
      page,
    );
  }

  async visitorIds(visitId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(VisitVisitor).find({ where: { visitId }, order: { personId: 'ASC' } });
    return rows.map((row) => row.personId);
  }

  /** The visit a demand was raised in, which the caller reads through the demand. */
  async ofDemand(demand: Demand): Promise<Visit | null> {
    return demand.visitId ? this.dataSource.getRepository(Visit).findOneBy({ id: demand.visitId }) : null;
  }
}

function visitors(ids: string[]): string[] {
  if (ids.length < 1 || ids.length > MAX_VISITORS) throw new DomainError(ErrorCode.BadUserInput, `走访人员应为1到${MAX_VISITORS}人`, { field: 'visitorIds' });
  ids.forEach((id, i) => requireUuid(id, `visitorIds[${i}]`, '走访人员'));
  if (new Set(ids).size !== ids.length) throw new DomainError(ErrorCode.BadUserInput, '走访人员重复', { field: 'visitorIds' });
  return ids;
}
