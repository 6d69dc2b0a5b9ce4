import { randomUUID } from 'node:crypto';
import { Permission, requireItem, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import type { DeadlineSource } from '@bizenv/common/deadline-watcher';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { Light } from '@bizenv/common/lights';
import type { Outbox } from '@bizenv/common/outbox';
import { isWithin, subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireUuid } from '@bizenv/common/validate';
import type { WorkingCalendar } from '@bizenv/common/working-days';
import { IsNull, MoreThan, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Campaign } from '../campaign/campaign.entity.js';
import type { CampaignService } from '../campaign/campaign.service.js';
import { ProgressReport } from '../report/progress-report.entity.js';
import { reportObligations } from '../report/report-obligations.js';
import type { SpecialActionService } from '../special-action/special-action.service.js';
import { DeadlineRule } from './deadline-rule.js';
import { countTasks, type TaskCounts } from './task-counts.js';
import { newTaskRows, taskDraft, type TaskDraft } from './task-draft.js';
import type { CreateSupervisedTaskInput, SupervisedTaskFilter } from './task-inputs.js';
import { TaskStatus } from './task-status.js';
import { SupervisedTaskUnit, UnitRole } from './task-unit.entity.js';
import { unitIdsByTask, unitIdsOf, withUnits } from './task-units.js';
import { SupervisedTask } from './task.entity.js';

const open = { status: TaskStatus.IN_PROGRESS };

export class TaskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly campaigns: CampaignService,
    private readonly specialActions: SpecialActionService,
    /** This subgraph's working calendar, with the years loaded at run time. */
    readonly calendar: WorkingCalendar,
  ) {}

  /** One task; a unit operator sees only the tasks their unit leads or shares. */
  async get(caller: Caller | null, id: string): Promise<SupervisedTask> {
    requirePermission(caller, Permission.TASK_READ);
    const task = (await withUnits(this.dataSource.manager, [await this.load(this.dataSource.manager, id)]))[0];
    requireItem(caller, Permission.TASK_READ, { regionCode: task.regionCode, unitIds: unitIdsOf(task) });
    return task;
  }

  /** The units of a task read elsewhere (e.g. by another service) without them. */
  async units(task: SupervisedTask): Promise<SupervisedTaskUnit[]> {
    return (await withUnits(this.dataSource.manager, [task]))[0].units!;
  }

  /** Soonest deadline first; filtered to what the caller may see before counting. */
  async list(caller: Caller | null, filter: SupervisedTaskFilter, page: PageArgs): Promise<Page<SupervisedTask>> {
    const result = await paginate(this.filtered(caller, filter, now()), [{ column: 't.deadline', property: 'deadline' }, { column: 't.id', property: 'id' }], page);
    const tasks = result.edges.map((edge) => edge.node);
    await Promise.all([withUnits(this.dataSource.manager, tasks), this.withPlans(tasks)]);
    return result;
  }

  /** Attaches each task's campaign and special action: one query each for the whole page, not one per row. */
  private async withPlans(tasks: SupervisedTask[]): Promise<void> {
    const ids = (key: 'campaignId' | 'specialActionId') => [...new Set(tasks.flatMap((task) => (task[key] ? [task[key]] : [])))];
    const [campaigns, actions] = await Promise.all([this.campaigns.ofItems(ids('campaignId')), this.specialActions.ofItems(ids('specialActionId'))]);
    for (const task of tasks) {
      task.plan = { campaign: campaigns.get(task.campaignId ?? '') ?? null, specialAction: actions.get(task.specialActionId ?? '') ?? null };
    }
  }

  /** Every task of a list (an export), in the list's order; refused above `limit`. */
  async all(caller: Caller | null, filter: SupervisedTaskFilter, limit: number): Promise<SupervisedTask[]> {
    const query = this.filtered(caller, filter, now());
    const count = await query.clone().getCount();
    if (count > limit) throw new DomainError(ErrorCode.BadUserInput, `一次至多导出${limit}项任务，请缩小筛选范围`, { field: 'filter', totalCount: count });
    const tasks = await query.orderBy('t.deadline', 'ASC').addOrderBy('t.id', 'ASC').getMany();
    return withUnits(this.dataSource.manager, tasks);
  }

  /** The list's query: the filter checked, within the caller's scope (a unit operator: its unit's tasks). */
  private filtered(caller: Caller | null, filter: SupervisedTaskFilter, at: Date): SelectQueryBuilder<SupervisedTask> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    if (filter.leadUnitId != null) requireUuid(filter.leadUnitId, 'filter.leadUnitId', '牵头单位');
    if (filter.campaignId != null) requireUuid(filter.campaignId, 'filter.campaignId', '活动方案');
    if (filter.specialActionId != null) requireUuid(filter.specialActionId, 'filter.specialActionId', '专项行动');
    const scope = requireListScope(caller, Permission.TASK_READ, filter.regionCode);
    const query = this.dataSource
      .getRepository(SupervisedTask)
      .createQueryBuilder('t')
      .where('t.regionCode LIKE :prefix', { prefix: `${subtreePrefix(scope.regionCode)}%` });
    const hasUnit = (param: string, role?: UnitRole) =>
      `EXISTS (SELECT 1 FROM supervised_task_unit su_${param} WHERE su_${param}.taskId = t.id AND su_${param}.unitId = :${param}${role ? ` AND su_${param}.role = '${role}'` : ''})`;
    if (scope.unitId) query.andWhere(hasUnit('ownUnit'), { ownUnit: scope.unitId });
    if (filter.leadUnitId != null) query.andWhere(hasUnit('leadUnitId', UnitRole.LEAD), { leadUnitId: filter.leadUnitId });
    if (filter.campaignId != null) query.andWhere('t.campaignId = :campaignId', { campaignId: filter.campaignId });
    if (filter.specialActionId != null) query.andWhere('t.specialActionId = :specialActionId', { specialActionId: filter.specialActionId });
    // Withdrawn tasks stay readable by id, but a list shows them only when asked for by status.
    if (filter.status != null) query.andWhere('t.status = :status', { status: filter.status });
    else query.andWhere('t.status <> :withdrawn', { withdrawn: TaskStatus.WITHDRAWN });
    const params = { open: TaskStatus.IN_PROGRESS, at };
    if (filter.overdue != null) {
      query.andWhere(filter.overdue ? '(t.status = :open AND t.deadline < :at)' : '(t.status <> :open OR t.deadline >= :at)', params);
    }
    const lights: Record<Light, string> = {
      [Light.RED]: '(t.status = :open AND t.deadline < :at)',
      [Light.YELLOW]: '(t.status = :open AND t.deadline >= :at AND t.warnAt <= :at)',
      [Light.GREEN]: '(t.status = :open AND t.deadline >= :at AND (t.warnAt IS NULL OR t.warnAt > :at))',
    };
    if (filter.light != null) query.andWhere(lights[filter.light], params);
    if (filter.behindTarget != null) {
      query.andWhere(filter.behindTarget ? '(t.status = :open AND t.behindAt <= :at)' : '(t.status <> :open OR t.behindAt IS NULL OR t.behindAt > :at)', params);
    }
    return query;
  }

  async create(caller: Caller | null, input: CreateSupervisedTaskInput): Promise<SupervisedTask> {
    requireRegionCode(input.regionCode);
    requirePermission(caller, Permission.TASK_WRITE, input.regionCode);
    if (input.leadUnitId != null) requireUuid(input.leadUnitId, 'leadUnitId', '牵头单位');
    const { campaign, specialActionId } = await this.membership(input);
    const draft = taskDraft(
      randomUUID(),
      {
        ...input,
        leadUnitIds: [...(input.leadUnitId != null ? [input.leadUnitId] : []), ...(input.leadUnitIds ?? [])],
        coUnitIds: input.responsibleUnitIds ?? [],
        deadlineRule: input.deadlineRule ?? DeadlineRule.DATE,
      },
      { campaign, specialActionId, at: now() },
    );
    const [task] = await this.outbox.write((manager, record) => this.insert(manager, [draft], campaign, record));
    return task;
  }

  /** The campaign (and special action) a new task belongs to; its region must lie in the campaign's. */
  private async membership(input: Pick<CreateSupervisedTaskInput, 'campaignId' | 'specialActionId' | 'regionCode'>): Promise<{ campaign: Campaign | null; specialActionId: string | null }> {
    const manager = this.dataSource.manager;
    let campaignId = input.campaignId ?? null;
    if (campaignId != null) requireUuid(campaignId, 'campaignId', '活动方案');
    let specialActionId: string | null = null;
    if (input.specialActionId != null) {
      requireUuid(input.specialActionId, 'specialActionId', '专项行动');
      const action = await this.specialActions.load(manager, input.specialActionId, 'specialActionId');
      if (action.withdrawnAt) throw new DomainError(ErrorCode.BadUserInput, '该专项行动已撤销', { field: 'specialActionId' });
      if (campaignId != null && campaignId !== action.campaignId) {
        throw new DomainError(ErrorCode.BadUserInput, '该专项行动不属于所给的活动方案', { field: 'specialActionId' });
      }
      [campaignId, specialActionId] = [action.campaignId, action.id];
    }
    if (campaignId == null) return { campaign: null, specialActionId };
    const campaign = await this.campaigns.loadLive(manager, campaignId, 'campaignId');
    if (!isWithin(input.regionCode, campaign.regionCode)) {
      throw new DomainError(ErrorCode.BadUserInput, '任务所属区域应在活动方案的区域之内', { field: 'regionCode' });
    }
    return { campaign, specialActionId };
  }

  /**
   * Stores new tasks of one campaign (or none) with their units and the reports their lead units
   * owe, in the caller's transaction; a number already used in the campaign is a CONFLICT.
   */
  async insert(manager: EntityManager, drafts: TaskDraft[], campaign: Campaign | null, record: (event: { topic: string; regionCode: string; payload: Record<string, unknown> }) => void): Promise<SupervisedTask[]> {
    if (campaign) {
      const taken = await manager.getRepository(SupervisedTask).find({ select: { number: true }, where: { campaignId: campaign.id } });
      const used = new Set(taken.map((task) => task.number));
      const clash = drafts.find((draft) => used.has(draft.number));
      if (clash) throw new DomainError(ErrorCode.Conflict, `该活动方案中已有序号为${clash.number}的任务`, { field: 'number', number: clash.number });
    }
    const tasks: SupervisedTask[] = [];
    for (const draft of drafts) {
      const { task, units } = newTaskRows(draft, this.calendar);
      await manager.insert(SupervisedTask, { ...task, units: undefined });
      await manager.insert(SupervisedTaskUnit, units);
      const reports = campaign ? reportObligations(task, draft.leadUnitIds, campaign) : [];
      for (let i = 0; i < reports.length; i += 200) await manager.insert(ProgressReport, reports.slice(i, i + 200));
      record({ topic: 'task.created', regionCode: task.regionCode, payload: eventPayload(task) });
      tasks.push(task);
    }
    return tasks;
  }

  /**
   * Marks a task done with a conditional update on (id, version): of two concurrent
   * supervisors exactly one wins; the other gets CONFLICT. A done task owes no further reports
   * (those past due and not filed stay missing).
   */
  async complete(caller: Caller | null, id: string, expectedVersion: number): Promise<SupervisedTask> {
    requirePermission(caller, Permission.TASK_WRITE);
    const current = await this.load(this.dataSource.manager, id);
    requirePermission(caller, Permission.TASK_WRITE, current.regionCode);
    if (current.version !== expectedVersion) {
      throw new DomainError(ErrorCode.Conflict, '该任务已被他人修改，请刷新后重试', { id, version: current.version });
    }
    if (current.status !== TaskStatus.IN_PROGRESS) {
      throw new DomainError(ErrorCode.InvalidTransition, '当前状态不能执行该操作', { status: current.status, action: 'COMPLETE' });
    }
    const at = now();
    const updated = await this.outbox.write(async (manager, record) => {
      const result = await manager
        .createQueryBuilder()
        .update(SupervisedTask)
        .set({ status: TaskStatus.DONE, version: expectedVersion + 1, completedAt: at })
        .where('id = :id AND version = :version AND status = :from', { id, version: expectedVersion, from: TaskStatus.IN_PROGRESS })
        .execute();
      if (result.affected !== 1) {
        throw new DomainError(ErrorCode.Conflict, '该任务已被他人修改，请刷新后重试', { id });
      }
      await manager.delete(ProgressReport, { taskId: id, submittedAt: IsNull(), dueAt: MoreThan(at) });
      const task = await manager.findOneByOrFail(SupervisedTask, { id });
      record({ topic: 'task.done', regionCode: task.regionCode, payload: eventPayload(task) });
      return task;
    });
    return (await withUnits(this.dataSource.manager, [updated]))[0];
  }

  /** Counts over the region's whole subtree, or over what one unit leads there. */
  async stats(caller: Caller | null, regionCode: string, unitId?: string): Promise<TaskCounts> {
    // Shape first: "9901020000" lies within "990102" by prefix but its subtree is the province.
    requireRegionCode(regionCode, 'code');
    requirePermission(caller, Permission.STATS_READ, regionCode);
    if (unitId !== undefined) {
      requireUuid(unitId, 'id', '单位');
      // One unit's counts are its row of the ranking: a unit operator may see only their own.
      requireItem(caller, Permission.STATS_READ, { regionCode, unitId });
    }
    return countTasks(this.dataSource, { regionCode, unitId }, now());
  }

  async load(manager: EntityManager, id: string, field = 'id'): Promise<SupervisedTask> {
    const task = await manager.findOneBy(SupervisedTask, { id });
    if (!task) throw new DomainError(ErrorCode.NotFound, '未找到该督办任务', { id, field });
    return task;
  }

  /** Open tasks whose deadline passes (red), whose yellow light comes on, or which fall behind pace. */
  readonly deadlines: DeadlineSource<SupervisedTask>[] = [
    { name: 'task', topic: 'task.overdue', entity: SupervisedTask, dueColumn: 'deadline', open, unitsOf: unitIdsByTask },
    { name: 'task-warning', topic: 'task.warning', entity: SupervisedTask, dueColumn: 'warnAt', open, unitsOf: unitIdsByTask },
    { name: 'task-behind', topic: 'task.behind', entity: SupervisedTask, dueColumn: 'behindAt', open, unitsOf: unitIdsByTask },
  ];
}

export function eventPayload(task: SupervisedTask) {
  return { id: task.id, number: task.number, title: task.title, status: task.status, leadUnitId: task.leadUnitId };
}
