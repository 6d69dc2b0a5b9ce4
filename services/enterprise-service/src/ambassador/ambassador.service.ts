import { randomUUID } from 'node:crypto';
import { Permission, requireListScope, requirePermission, type Caller, type ListScope } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { isWithin, subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireUuid } from '@bizenv/common/validate';
import { IsNull, type DataSource, type SelectQueryBuilder } from 'typeorm';
import type { EnterpriseService } from '../enterprise/enterprise.service.js';
import { HelpMemberKind } from '../project/project-help-member.entity.js';
import type { ProjectService } from '../project/project.service.js';
import { AmbassadorAssignment } from './ambassador-assignment.entity.js';
import type { AmbassadorAssignmentFilter, AssignAmbassadorInput, AssignLeaderContactInput, LeaderContactFilter } from './ambassador-inputs.js';
import { levelOfRegion } from './ambassador-level.js';
import { LeaderContact } from './leader-contact.entity.js';

const LEVEL_NAMES = { CITY: '市级', COUNTY: '县（区）级', TOWN: '乡镇（街道）级' } as const;

/**
 * Service ambassadors (服务大使) and leaders' contact enterprises (领导挂点). People live in the
 * organization subgraph: here a person is an id, checked for shape only, and the area an
 * ambassador serves at a level is given with the assignment and checked against the level, the
 * enterprise's region and the caller's scope.
 */
export class AmbassadorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly enterprises: EnterpriseService,
    private readonly projects: ProjectService,
  ) {}

  async assign(caller: Caller | null, input: AssignAmbassadorInput): Promise<AmbassadorAssignment> {
    const personId = requireUuid(input.personId, 'personId', '服务大使');
    requireRegionCode(input.regionCode);
    if (levelOfRegion(input.regionCode) !== input.level) {
      throw new DomainError(ErrorCode.BadUserInput, `负责区域不是${LEVEL_NAMES[input.level]}区域`, { field: 'regionCode' });
    }
    if ((input.enterpriseId == null) === (input.projectId == null)) {
      throw new DomainError(ErrorCode.BadUserInput, '须给出企业或项目之一', { field: 'enterpriseId' });
    }
    const target = input.enterpriseId != null ? await this.enterprises.forWrite(caller, input.enterpriseId) : await this.projects.forWrite(caller, input.projectId!, 'projectId');
    if (!isWithin(target.regionCode, input.regionCode)) {
      throw new DomainError(ErrorCode.BadUserInput, '服务大使负责的区域不包含该企业（项目）所在地', { field: 'regionCode' });
    }
    // The whole area the ambassador serves must be the caller's to arrange.
    const operator = requirePermission(caller, Permission.ENTERPRISE_WRITE, input.regionCode);
    const assignment: AmbassadorAssignment = {
      id: randomUUID(),
      personId,
      level: input.level,
      regionCode: input.regionCode,
      enterpriseId: input.enterpriseId ?? null,
      projectId: input.projectId ?? null,
      targetRegionCode: target.regionCode,
      since: now(),
      until: null,
      assignedById: operator.id,
      assignedByName: operator.name,
    };
    await this.outbox.write(async (manager, record) => {
      const same = { personId, level: input.level, until: IsNull(), ...(assignment.enterpriseId ? { enterpriseId: assignment.enterpriseId } : { projectId: assignment.projectId! }) };
      if (await manager.existsBy(AmbassadorAssignment, same)) throw new DomainError(ErrorCode.Conflict, '该服务大使已在此层级挂联', { field: 'personId' });
      await manager.insert(AmbassadorAssignment, assignment);
      record({ topic: 'ambassador.assigned', regionCode: assignment.targetRegionCode, payload: { id: assignment.id, level: assignment.level } });
    });
    return assignment;
  }

  /** Ends an assignment (it stays in the history with its `until`). */
  async end(caller: Caller | null, id: string): Promise<AmbassadorAssignment> {
    requireUuid(id, 'id', '挂联');
    requirePermission(caller, Permission.ENTERPRISE_WRITE);
    const assignment = await this.dataSource.getRepository(AmbassadorAssignment).findOneBy({ id });
    if (!assignment) throw new DomainError(ErrorCode.NotFound, '未找到该挂联', { id });
    requirePermission(caller, Permission.ENTERPRISE_WRITE, assignment.regionCode);
    const ended = { ...assignment, until: now() };
    await this.outbox.write(async (manager, record) => {
      const { affected } = await manager.update(AmbassadorAssignment, { id, until: IsNull() }, { until: ended.until });
      if (affected !== 1) throw new DomainError(ErrorCode.Conflict, '该挂联已结束', { id });
      record({ topic: 'ambassador.unassigned', regionCode: assignment.targetRegionCode, payload: { id } });
    });
    return ended;
  }

  /** Active assignments of an enterprise or a project, city level first. */
  activeFor(target: { enterpriseId: string } | { projectId: string }): Promise<AmbassadorAssignment[]> {
    return this.dataSource.getRepository(AmbassadorAssignment).find({ where: { ...target, until: IsNull() }, order: { level: 'ASC', since: 'ASC' } });
  }

  /** Newest first, within the caller's scope (unit operators: enterprises and projects their unit serves). */
  list(caller: Caller | null, filter: AmbassadorAssignmentFilter, page: PageArgs): Promise<Page<AmbassadorAssignment>> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    for (const field of ['personId', 'enterpriseId', 'projectId'] as const) if (filter[field] != null) requireUuid(filter[field]!, `filter.${field}`, '编号');
    const scope = requireListScope(caller, Permission.ENTERPRISE_READ, filter.regionCode);
    const query = this.dataSource
      .getRepository(AmbassadorAssignment)
      .createQueryBuilder('a')
      .where('a.targetRegionCode LIKE :prefix', { prefix: `${subtreePrefix(scope.regionCode)}%` });
    servedByUnit(query, scope, 'a', true);
    for (const field of ['personId', 'level', 'enterpriseId', 'projectId'] as const) {
      if (filter[field] != null) query.andWhere(`a.${field} = :${field}`, { [field]: filter[field] });
    }
    if (!filter.includeEnded) query.andWhere('a.until IS NULL');
    return paginate(query, [{ column: 'a.since', property: 'since', direction: 'DESC' }, { column: 'a.id', property: 'id', direction: 'DESC' }], page);
  }

  /** 领导挂点: only key enterprises are assigned to leaders. */
  async assignLeader(caller: Caller | null, input: AssignLeaderContactInput): Promise<LeaderContact> {
    const leaderId = requireUuid(input.leaderId, 'leaderId', '领导');
    const enterprise = await this.enterprises.forWrite(caller, input.enterpriseId);
    if (!enterprise.isKey) throw new DomainError(ErrorCode.BadUserInput, '领导挂点只联系重点企业', { field: 'enterpriseId' });
    const operator = requirePermission(caller, Permission.ENTERPRISE_WRITE, enterprise.regionCode);
    const contact: LeaderContact = {
      id: randomUUID(),
      leaderId,
      enterpriseId: enterprise.id,
      regionCode: enterprise.regionCode,
      since: now(),
      until: null,
      assignedById: operator.id,
      assignedByName: operator.name,
    };
    await this.outbox.write(async (manager, record) => {
      if (await manager.existsBy(LeaderContact, { leaderId, enterpriseId: enterprise.id, until: IsNull() })) {
        throw new DomainError(ErrorCode.Conflict, '该领导已挂点联系这家企业', { field: 'leaderId' });
      }
      await manager.insert(LeaderContact, contact);
      record({ topic: 'leader_contact.assigned', regionCode: contact.regionCode, payload: { id: contact.id } });
    });
    return contact;
  }

  async endLeader(caller: Caller | null, id: string): Promise<LeaderContact> {
    requireUuid(id, 'id', '挂点');
    requirePermission(caller, Permission.ENTERPRISE_WRITE);
    const contact = await this.dataSource.getRepository(LeaderContact).findOneBy({ id });
    if (!contact) throw new DomainError(ErrorCode.NotFound, '未找到该挂点', { id });
    requirePermission(caller, Permission.ENTERPRISE_WRITE, contact.regionCode);
    const ended = { ...contact, until: now() };
    await this.outbox.write(async (manager, record) => {
      const { affected } = await manager.update(LeaderContact, { id, until: IsNull() }, { until: ended.until });
      if (affected !== 1) throw new DomainError(ErrorCode.Conflict, '该挂点已结束', { id });
      record({ topic: 'leader_contact.ended', regionCode: contact.regionCode, payload: { id } });
    });
    return ended;
  }

  leadersOf(enterpriseId: string): Promise<LeaderContact[]> {
    return this.dataSource.getRepository(LeaderContact).find({ where: { enterpriseId, until: IsNull() }, order: { since: 'ASC' } });
  }

  listLeaders(caller: Caller | null, filter: LeaderContactFilter, page: PageArgs): Promise<Page<LeaderContact>> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    if (filter.leaderId != null) requireUuid(filter.leaderId, 'filter.leaderId', '领导');
    const scope = requireListScope(caller, Permission.ENTERPRISE_READ, filter.regionCode);
    const query = this.dataSource
      .getRepository(LeaderContact)
      .createQueryBuilder('l')
      .where('l.regionCode LIKE :prefix', { prefix: `${subtreePrefix(scope.regionCode)}%` });
    servedByUnit(query, scope, 'l', false);
    if (filter.leaderId != null) query.andWhere('l.leaderId = :leaderId', { leaderId: filter.leaderId });
    if (!filter.includeEnded) query.andWhere('l.until IS NULL');
    return paginate(query, [{ column: 'l.since', property: 'since', direction: 'DESC' }, { column: 'l.id', property: 'id', direction: 'DESC' }], page);
  }
}

/** A unit operator's rows: about enterprises whose demands their unit handles, or projects their unit helps. */
function servedByUnit<T extends { enterpriseId: string | null }>(query: SelectQueryBuilder<T>, scope: ListScope, alias: string, withProjects: boolean): void {
  if (!scope.unitId) return;
  const project = withProjects ? ` OR ${alias}.projectId IN (SELECT m.projectId FROM project_help_member m WHERE m.memberKind = :unitKind AND m.memberId = :ownUnit)` : '';
  query.andWhere(`(${alias}.enterpriseId IN (SELECT d.enterpriseId FROM demand d WHERE d.unitId = :ownUnit)${project})`, {
    ownUnit: scope.unitId,
    unitKind: HelpMemberKind.UNIT,
  });
}
