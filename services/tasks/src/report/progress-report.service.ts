import { ownUnitOnly, Permission, requireCaller, requireListScope, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import type { DeadlineSource } from '@bizenv/common/deadline-watcher';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireText, requireUuid } from '@bizenv/common/validate';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { CampaignService } from '../campaign/campaign.service.js';
import { today } from '../campaign/campaign.service.js';
import { requireUnitActor } from '../ledger/unit-actor.js';
import { UnitRole } from '../task/task-unit.entity.js';
import { unitIdsOf, withUnits } from '../task/task-units.js';
import { SupervisedTask } from '../task/task.entity.js';
import type { ProgressReportFilter, SubmitProgressReportInput } from './progress-report-inputs.js';
import { ProgressReport } from './progress-report.entity.js';
import { periodOfKey } from './report-period.js';

const MAX_CONTENT = 5000;
const invalid = (field: string, message: string) => new DomainError(ErrorCode.BadUserInput, message, { field });

export class ProgressReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly campaigns: CampaignService,
  ) {}

  /** Soonest due first; a report is its unit's, so unit operators list their own unit's. */
  list(caller: Caller | null, filter: ProgressReportFilter, page: PageArgs): Promise<Page<ProgressReport>> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    for (const field of ['campaignId', 'taskId', 'unitId'] as const) {
      if (filter[field] != null) requireUuid(filter[field]!, `filter.${field}`, '编号');
    }
    const scope = requireListScope(caller, Permission.TASK_READ, filter.regionCode);
    const query = this.dataSource
      .getRepository(ProgressReport)
      .createQueryBuilder('r')
      .where('r.regionCode LIKE :prefix', { prefix: `${subtreePrefix(scope.regionCode)}%` });
    if (scope.unitId) query.andWhere('r.unitId = :ownUnit', { ownUnit: scope.unitId });
    if (filter.campaignId != null) query.andWhere('r.campaignId = :campaignId', { campaignId: filter.campaignId });
    if (filter.taskId != null) query.andWhere('r.taskId = :taskId', { taskId: filter.taskId });
    if (filter.unitId != null) query.andWhere('r.unitId = :unitId', { unitId: filter.unitId });
    if (filter.period != null) query.andWhere('r.period = :period', { period: filter.period });
    if (filter.missing != null) {
      query.andWhere(filter.missing ? '(r.submittedAt IS NULL AND r.dueAt < :now)' : '(r.submittedAt IS NOT NULL OR r.dueAt >= :now)', { now: now() });
    }
    return paginate(query, [{ column: 'r.dueAt', property: 'dueAt' }, { column: 'r.id', property: 'id' }], page);
  }

  /** A task's reports (the caller has read the task); a unit operator sees its own unit's. */
  ofTask(caller: Caller | null, task: SupervisedTask): Promise<ProgressReport[]> {
    const where = caller && ownUnitOnly(caller) ? { taskId: task.id, unitId: caller.unitId ?? '' } : { taskId: task.id };
    return this.dataSource.getRepository(ProgressReport).find({ where, order: { dueAt: 'ASC', unitId: 'ASC' } });
  }

  /**
   * Files a report for one task's period, or for every task the unit leads in a campaign for one
   * period. Late reports are accepted (and stop counting as missing); a period already reported
   * is refused. The unit's own operator (task:handle) or a supervisor (task:write) files it.
   */
  async submit(caller: Caller | null, input: SubmitProgressReportInput): Promise<ProgressReport[]> {
    const content = requireText(input.content, 'content', '报告内容', MAX_CONTENT);
    const manager = this.dataSource.manager;
    const owed = input.taskId != null ? await this.owedForTask(caller, manager, input) : await this.owedInCampaign(caller, manager, input);
    const submittedAt = now();
    // Checked by requireUnitActor above: the unit's operator or a supervisor.
    const known = requireCaller(caller);
    return this.outbox.write(async (tx, record) => {
      for (const report of owed) {
        const result = await tx
          .createQueryBuilder()
          .update(ProgressReport)
          .set({ submittedAt, content, submitterId: known.id, submitterName: known.name })
          .where('id = :id AND submittedAt IS NULL', { id: report.id })
          .execute();
        if (result.affected !== 1) throw new DomainError(ErrorCode.Conflict, '该期进度报告已由他人报送，请刷新后重试', { id: report.id });
        Object.assign(report, { submittedAt, content, submitterId: known.id, submitterName: known.name });
        record({ topic: 'task-report.submitted', regionCode: report.regionCode, payload: { id: report.id, title: report.title, taskId: report.taskId } });
      }
      return owed;
    });
  }

  private async owedForTask(caller: Caller | null, manager: EntityManager, input: SubmitProgressReportInput): Promise<ProgressReport[]> {
    requireUuid(input.taskId!, 'taskId', '任务');
    const task = await manager.findOneBy(SupervisedTask, { id: input.taskId! });
    if (!task) throw new DomainError(ErrorCode.NotFound, '未找到该督办任务', { id: input.taskId, field: 'taskId' });
    const leads = unitIdsOf((await withUnits(manager, [task]))[0], UnitRole.LEAD);
    const unitId = input.unitId ?? (caller?.unitId && leads.includes(caller.unitId) ? caller.unitId : task.leadUnitId);
    requireUnitActor(caller, task.regionCode, unitId);
    if (!leads.includes(unitId)) throw invalid('unitId', '该单位不是此任务的牵头单位，无需报送进度');
    const reports = await manager.getRepository(ProgressReport).find({ where: { taskId: task.id, unitId }, order: { dueAt: 'ASC' } });
    if (!reports.length) throw new DomainError(ErrorCode.NotFound, '此任务不需要定期报送进度（所属方案未规定报送周期）', { field: 'taskId' });
    const chosen =
      input.period != null
        ? reports.find((report) => report.period === input.period)
        : reports.find((report) => !report.submittedAt && (periodOfKey(report.cadence, report.period)?.startsOn ?? '') <= today());
    if (!chosen) {
      throw input.period != null
        ? new DomainError(ErrorCode.NotFound, '此任务没有该期的进度报告', { field: 'period' })
        : new DomainError(ErrorCode.InvalidTransition, '目前没有待报送的进度报告', { field: 'period' });
    }
    if (chosen.submittedAt) throw new DomainError(ErrorCode.InvalidTransition, '该期进度报告已报送', { field: 'period', period: chosen.period });
    return [chosen];
  }

  private async owedInCampaign(caller: Caller | null, manager: EntityManager, input: SubmitProgressReportInput): Promise<ProgressReport[]> {
    if (input.campaignId == null) throw invalid('taskId', '请给出任务，或活动方案、单位和报送期');
    requireUuid(input.campaignId, 'campaignId', '活动方案');
    if (input.unitId == null) throw invalid('unitId', '按活动方案报送时须给出报送单位');
    requireUuid(input.unitId, 'unitId', '报送单位');
    if (input.period == null) throw invalid('period', '按活动方案报送时须给出报送期，如 2026-03');
    const campaign = await this.campaigns.load(manager, input.campaignId, 'campaignId');
    if (!campaign.reportCadence || !periodOfKey(campaign.reportCadence, input.period)) throw invalid('period', '报送期不是该方案的报送周期中的一期');
    const reports = await manager.getRepository(ProgressReport).find({
      where: { campaignId: campaign.id, unitId: input.unitId, period: input.period },
      order: { dueAt: 'ASC', taskId: 'ASC' },
    });
    // Checked on each task's region, so a unit's report covers only what the caller may act on.
    for (const report of reports) requireUnitActor(caller, report.regionCode, input.unitId);
    if (!reports.length) {
      requireUnitActor(caller, campaign.regionCode, input.unitId);
      throw new DomainError(ErrorCode.NotFound, '该单位在此方案的该期没有需要报送的进度报告', { field: 'period' });
    }
    const open = reports.filter((report) => !report.submittedAt);
    if (!open.length) throw new DomainError(ErrorCode.InvalidTransition, '该期进度报告已报送', { field: 'period', period: input.period });
    return open;
  }

  /** A report not filed by its period's end is missing: the screen's count changes then. */
  readonly deadlines: DeadlineSource<ProgressReport> = {
    name: 'progress-report',
    topic: 'task-report.overdue',
    entity: ProgressReport,
    dueColumn: 'dueAt',
    open: { submittedAt: IsNull() },
  };
}
