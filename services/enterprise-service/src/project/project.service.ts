import { randomUUID } from 'node:crypto';
import { ownUnitOnly, Permission, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs, type SortKey } from '@bizenv/common/connection';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox, RecordEvent } from '@bizenv/common/outbox';
import { subtreePrefix } from '@bizenv/common/region-code';
import { containsPattern, LIKE_ESCAPE } from '@bizenv/common/sql-like';
import { requireRegionCode, requireText, requireUuid } from '@bizenv/common/validate';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Enterprise } from '../enterprise/enterprise.entity.js';
import type { EnterpriseService } from '../enterprise/enterprise.service.js';
import { parseWanYuan } from './investment.js';
import { HelpMemberKind, ProjectHelpMember } from './project-help-member.entity.js';
import type { CreateProjectInput, HelpTeamMemberInput, MoveProjectStageInput, ProjectFilter, UpdateProjectInput } from './project-inputs.js';
import { PROJECT_STAGE_NAMES, stageMove } from './project-stage.js';
import { ProjectStageChange } from './project-stage-change.entity.js';
import { Project } from './project.entity.js';

const MAX_HELP_TEAM = 30;

/** Newest first. */
export const PROJECT_ORDER: SortKey<Project>[] = [
  { column: 'p.createdAt', property: 'createdAt', direction: 'DESC' },
  { column: 'p.id', property: 'id', direction: 'DESC' },
];
const CONFLICT = '项目已被他人修改，请刷新后重试';

/** A project ready to store: every check done, nothing written (creation and the XLSX import). */
export interface PreparedProject {
  operator: Caller;
  project: Project;
  helpTeam: ProjectHelpMember[];
}

export class ProjectService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly enterprises: EnterpriseService,
  ) {}

  /** One project in the caller's region; a unit operator sees the projects their unit helps. */
  async get(caller: Caller | null, id: string): Promise<Project> {
    requirePermission(caller, Permission.ENTERPRISE_READ);
    const project = await this.load(id);
    const known = requirePermission(caller, Permission.ENTERPRISE_READ, project.regionCode);
    if (ownUnitOnly(known) && !(known.unitId && (await this.helpedBy(project.id, known.unitId)))) {
      throw new DomainError(ErrorCode.Forbidden, '仅可查看本单位参与帮扶的项目');
    }
    return project;
  }

  /**
   * 投资企业, as the registry shows it to the caller; a unit operator whose unit helps the project
   * sees it through the project (the registry itself still refuses them).
   */
  async enterpriseOf(caller: Caller | null, project: Project): Promise<Enterprise | null> {
    if (!project.enterpriseId) return null;
    if (caller && ownUnitOnly(caller) && caller.unitId && (await this.helpedBy(project.id, caller.unitId))) {
      return this.enterprises.behind(caller, project.enterpriseId);
    }
    return this.enterprises.get(caller, project.enterpriseId);
  }

  /** Newest first; filtered to what the caller may see before counting. */
  list(caller: Caller | null, filter: ProjectFilter, page: PageArgs): Promise<Page<Project>> {
    return paginate(this.listQuery(caller, filter), PROJECT_ORDER, page);
  }

  /** The list's rows (the list and the export): every check of the filter and the caller's scope. */
  listQuery(caller: Caller | null, filter: ProjectFilter): SelectQueryBuilder<Project> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    if (filter.enterpriseId != null) requireUuid(filter.enterpriseId, 'filter.enterpriseId', '企业');
    const nameContains = filter.nameContains == null ? null : requireText(filter.nameContains, 'filter.nameContains', '项目名称', 200);
    const scope = requireListScope(caller, Permission.ENTERPRISE_READ, filter.regionCode);
    const query = this.dataSource
      .getRepository(Project)
      .createQueryBuilder('p')
      .where('p.regionCode LIKE :prefix', { prefix: `${subtreePrefix(scope.regionCode)}%` });
    if (scope.unitId) {
      query.andWhere('EXISTS (SELECT 1 FROM project_help_member m WHERE m.projectId = p.id AND m.memberKind = :unitKind AND m.memberId = :ownUnit)', {
        unitKind: HelpMemberKind.UNIT,
        ownUnit: scope.unitId,
      });
    }
    if (filter.stage != null) query.andWhere('p.stage = :stage', { stage: filter.stage });
    if (filter.isKey != null) query.andWhere('p.isKey = :isKey', { isKey: filter.isKey });
    if (filter.enterpriseId != null) query.andWhere('p.enterpriseId = :enterpriseId', { enterpriseId: filter.enterpriseId });
    if (nameContains) query.andWhere(`p.name LIKE :name ${LIKE_ESCAPE}`, { name: containsPattern(nameContains) });
    return query;
  }

  /**
   * Every check of a new project: the caller writes in its region, and its enterprise (if any)
   * exists within the caller's scope.
   */
  async prepare(caller: Caller | null, input: CreateProjectInput): Promise<PreparedProject> {
    requireRegionCode(input.regionCode);
    const operator = requirePermission(caller, Permission.ENTERPRISE_WRITE, input.regionCode);
    const name = requireText(input.name, 'name', '项目名称', 200);
    const investmentYuan = input.investmentWanYuan == null ? null : parseWanYuan(input.investmentWanYuan, 'investmentWanYuan');
    const enterpriseId = input.enterpriseId == null ? null : (await this.enterprises.forWrite(caller, input.enterpriseId)).id;
    const at = now();
    const project: Project = {
      id: randomUUID(),
      name,
      regionCode: input.regionCode,
      enterpriseId,
      stage: input.stage,
      investmentYuan,
      isKey: input.isKey,
      createdAt: at,
      stageChangedAt: at,
      version: 1,
    };
    return { operator, project, helpTeam: helpTeamOf(project.id, input.helpTeam) };
  }

  async create(caller: Caller | null, input: CreateProjectInput): Promise<Project> {
    const prepared = await this.prepare(caller, input);
    await this.outbox.write((manager, record) => storeProject(manager, record, prepared));
    return prepared.project;
  }

  async update(caller: Caller | null, input: UpdateProjectInput): Promise<Project> {
    const current = await this.forWrite(caller, input.id);
    const next: Project = {
      ...current,
      name: input.name == null ? current.name : requireText(input.name, 'name', '项目名称', 200),
      investmentYuan: input.investmentWanYuan == null ? current.investmentYuan : parseWanYuan(input.investmentWanYuan, 'investmentWanYuan'),
      isKey: input.isKey ?? current.isKey,
      version: input.expectedVersion + 1,
    };
    const helpTeam = input.helpTeam == null ? null : helpTeamOf(current.id, input.helpTeam);
    await this.outbox.write(async (manager, record) => {
      await this.conditionalUpdate(manager, next, input.expectedVersion);
      if (helpTeam) {
        await manager.delete(ProjectHelpMember, { projectId: current.id });
        if (helpTeam.length) await manager.insert(ProjectHelpMember, helpTeam);
      }
      record({ topic: 'project.updated', regionCode: next.regionCode, payload: { id: next.id, title: next.name } });
    });
    return next;
  }

  /** Forward one stage, or back to an earlier one with a reason; the move goes into the history. */
  async moveStage(caller: Caller | null, input: MoveProjectStageInput): Promise<Project> {
    const current = await this.forWrite(caller, input.id);
    const operator = requirePermission(caller, Permission.ENTERPRISE_WRITE, current.regionCode);
    const move = stageMove(current.stage, input.toStage);
    if (!move) {
      throw new DomainError(ErrorCode.InvalidTransition, `项目不能从“${PROJECT_STAGE_NAMES[current.stage]}”变更为“${PROJECT_STAGE_NAMES[input.toStage]}”：只能前进一个阶段，或退回之前的阶段`, {
        field: 'toStage',
        from: current.stage,
        to: input.toStage,
      });
    }
    const reason = input.reason == null ? null : requireText(input.reason, 'reason', '理由', 500);
    if (move.reasonRequired && !reason) throw new DomainError(ErrorCode.BadUserInput, '退回之前的阶段须说明理由', { field: 'reason' });
    const at = now();
    const next: Project = { ...current, stage: input.toStage, stageChangedAt: at, version: input.expectedVersion + 1 };
    await this.outbox.write(async (manager, record) => {
      await this.conditionalUpdate(manager, next, input.expectedVersion);
      await manager.insert(ProjectStageChange, { projectId: next.id, fromStage: current.stage, toStage: next.stage, reason, actorId: operator.id, actorName: operator.name, at });
      record({ topic: 'project.stage_changed', regionCode: next.regionCode, payload: { id: next.id, title: next.name, from: current.stage, to: next.stage } });
    });
    return next;
  }

  /** Oldest first: how the project came to where it is. */
  history(projectId: string): Promise<ProjectStageChange[]> {
    return this.dataSource.getRepository(ProjectStageChange).find({ where: { projectId }, order: { at: 'ASC', id: 'ASC' } });
  }

  helpTeam(projectId: string): Promise<ProjectHelpMember[]> {
    return this.dataSource.getRepository(ProjectHelpMember).find({ where: { projectId }, order: { memberKind: 'ASC', memberId: 'ASC' } });
  }

  /** For writes about a project (a stage move, an ambassador): it exists and the caller may write in its region. */
  async forWrite(caller: Caller | null, id: string, field = 'id'): Promise<Project> {
    requireUuid(id, field, '项目');
    requirePermission(caller, Permission.ENTERPRISE_WRITE);
    const project = await this.load(id);
    requirePermission(caller, Permission.ENTERPRISE_WRITE, project.regionCode);
    return project;
  }

  private async conditionalUpdate(manager: EntityManager, next: Project, expectedVersion: number): Promise<void> {
    const { id, ...changes } = next;
    const { affected } = await manager.update(Project, { id, version: expectedVersion }, changes);
    if (affected !== 1) throw new DomainError(ErrorCode.Conflict, CONFLICT, { field: 'expectedVersion' });
  }

  private helpedBy(projectId: string, unitId: string): Promise<boolean> {
    return this.dataSource.getRepository(ProjectHelpMember).existsBy({ projectId, memberKind: HelpMemberKind.UNIT, memberId: unitId });
  }

  private async load(id: string): Promise<Project> {
    const project = await this.dataSource.getRepository(Project).findOneBy({ id });
    if (!project) throw new DomainError(ErrorCode.NotFound, '未找到该项目', { id });
    return project;
  }
}

/** Inserts a prepared project, its first history entry and its help team inside the caller's outbox transaction. */
export async function storeProject(manager: EntityManager, record: RecordEvent, { operator, project, helpTeam }: PreparedProject): Promise<void> {
  await manager.insert(Project, project);
  await manager.insert(ProjectStageChange, { projectId: project.id, fromStage: null, toStage: project.stage, reason: null, actorId: operator.id, actorName: operator.name, at: project.createdAt });
  if (helpTeam.length) await manager.insert(ProjectHelpMember, helpTeam);
  record({ topic: 'project.created', regionCode: project.regionCode, payload: { id: project.id, title: project.name, stage: project.stage } });
}

function helpTeamOf(projectId: string, members: HelpTeamMemberInput[]): ProjectHelpMember[] {
  if (members.length > MAX_HELP_TEAM) throw new DomainError(ErrorCode.BadUserInput, `帮扶团队最多${MAX_HELP_TEAM}个成员`, { field: 'helpTeam' });
  const seen = new Set<string>();
  return members.map((member, i) => {
    const field = `helpTeam[${i}]`;
    if ((member.personId == null) === (member.unitId == null)) {
      throw new DomainError(ErrorCode.BadUserInput, '帮扶团队成员须给出人员或单位之一', { field });
    }
    const memberKind = member.personId != null ? HelpMemberKind.PERSON : HelpMemberKind.UNIT;
    const memberId = requireUuid((member.personId ?? member.unitId)!, `${field}.${memberKind === HelpMemberKind.PERSON ? 'personId' : 'unitId'}`, memberKind === HelpMemberKind.PERSON ? '人员' : '单位');
    if (seen.has(`${memberKind}:${memberId}`)) throw new DomainError(ErrorCode.BadUserInput, '帮扶团队成员重复', { field });
    seen.add(`${memberKind}:${memberId}`);
    return { projectId, memberKind, memberId, duty: member.duty == null ? null : requireText(member.duty, `${field}.duty`, '职责', 50) };
  });
}
