import { Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { requireUuid } from '@bizenv/common/validate';
import { IsNull, Not, type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { FocusUnit } from '../evaluation/focus-unit.entity.js';
import { Problem } from '../ledger/problem.entity.js';
import { SelfInspectionReport } from '../ledger/self-inspection-report.entity.js';
import { PlanChangeAction, PlanItemKind } from '../plan-change/plan-change-enums.js';
import { fieldChanges, recordPlanChange, requireVersion, requireWithdrawalReason } from '../plan-change/plan-change-log.js';
import { refreshReportObligations } from '../report/report-obligations.js';
import { SpecialAction } from '../special-action/special-action.entity.js';
import { AdmonishingTalk } from '../supervision/admonishing-talk.entity.js';
import { Bulletin } from '../supervision/bulletin.entity.js';
import { TaskStatus } from '../task/task-status.js';
import { UnitRole } from '../task/task-unit.entity.js';
import { unitIdsOf, withUnits } from '../task/task-units.js';
import { SupervisedTask } from '../task/task.entity.js';
import type { CampaignPhaseInput, UpdateCampaignInput } from './campaign-inputs.js';
import { CampaignPhase } from './campaign-phase.entity.js';
import { Campaign } from './campaign.entity.js';
import { requireCampaignFields, requirePhases, type CampaignService } from './campaign.service.js';

const stale = (id: string) => new DomainError(ErrorCode.Conflict, '该活动方案已被他人修改，请刷新后重试', { id });

/** The records that keep a campaign from being withdrawn (they cannot be withdrawn themselves), by what they are. */
const RECORDS: [EntityTarget<ObjectLiteral>, string][] = [
  [Problem, '整改问题'],
  [SelfInspectionReport, '自查报告'],
  [Bulletin, '通报'],
  [AdmonishingTalk, '约谈记录'],
  [FocusUnit, '整治重点单位'],
];

const phaseInputs = (phases: CampaignPhase[]): CampaignPhaseInput[] => phases.map(({ name, startsOn, endsOn, milestones }) => ({ name, startsOn, endsOn, milestones }));

/** Phases as the change log shows them: each with its dates and milestones, e.g. "集中攻坚 2026-04-11至2026-10-31（2026-06-30 完成五个重点整治）". */
const phaseSummary = (phases: CampaignPhaseInput[]) =>
  phases.map((p) => `${p.name} ${p.startsOn}至${p.endsOn}${p.milestones?.length ? `（${p.milestones.map((m) => `${m.on} ${m.title}`).join('、')}）` : ''}`).join('；');

/** What the change log compares: the campaign's own fields, and its phases in short. */
const logged = (campaign: Campaign, phases: CampaignPhase[]) => ({
  title: campaign.title,
  issuingBody: campaign.issuingBody,
  year: campaign.year,
  documentNumber: campaign.documentNumber,
  startsOn: campaign.startsOn,
  endsOn: campaign.endsOn,
  phases: phaseSummary(phaseInputs(phases)),
});

/** Corrections and withdrawals (撤销) of campaigns, by whoever may register one in its region. */
export class CampaignChangeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly campaigns: CampaignService,
  ) {}

  /**
   * Only the fields given change, checked as on registration; the phases must still fit the
   * dates (given anew, they replace the old ones). A new end day changes the reports owed.
   */
  async update(caller: Caller | null, id: string, expectedVersion: number, input: UpdateCampaignInput): Promise<Campaign> {
    const current = await this.liveCampaign(caller, id, expectedVersion);
    const fields = requireCampaignFields({
      title: input.title ?? current.title,
      issuingBody: input.issuingBody ?? current.issuingBody,
      year: input.year ?? current.year,
      documentNumber: input.documentNumber === undefined ? current.documentNumber : input.documentNumber,
      startsOn: input.startsOn ?? current.startsOn,
      endsOn: input.endsOn ?? current.endsOn,
    });
    const next = { ...current, ...fields };
    const oldPhases = await this.campaigns.phases(id);
    const phases = requirePhases(next, input.phases ?? phaseInputs(oldPhases));
    const changes = fieldChanges(logged(current, oldPhases), logged(next, phases));
    if (!changes.length) return current;
    const at = now();
    return this.outbox.write(async (manager, record) => {
      await this.write(manager, current, { ...fields, version: expectedVersion + 1 });
      if (input.phases) {
        await manager.delete(CampaignPhase, { campaignId: id });
        await manager.insert(CampaignPhase, phases);
      }
      if (next.endsOn !== current.endsOn) await this.refreshReports(manager, next, at);
      await recordPlanChange(manager, requirePermission(caller, Permission.TASK_WRITE), { kind: PlanItemKind.CAMPAIGN, id }, { action: PlanChangeAction.UPDATE, changes, at });
      record({ topic: 'campaign.updated', regionCode: next.regionCode, payload: { id, title: next.title } });
      return manager.findOneByOrFail(Campaign, { id });
    });
  }

  /**
   * 撤销 a campaign registered by mistake: only once nothing refers to it but withdrawn tasks
   * and special actions, so no record is orphaned. It stays readable by id, out of lists.
   */
  async withdraw(caller: Caller | null, id: string, expectedVersion: number, reason: string): Promise<Campaign> {
    const current = await this.liveCampaign(caller, id, expectedVersion);
    const why = requireWithdrawalReason(reason);
    const at = now();
    return this.outbox.write(async (manager, record) => {
      await this.requireNothingLive(manager, id);
      await this.write(manager, current, { withdrawnAt: at, withdrawalReason: why, version: expectedVersion + 1 });
      await recordPlanChange(manager, requirePermission(caller, Permission.TASK_WRITE), { kind: PlanItemKind.CAMPAIGN, id }, { action: PlanChangeAction.WITHDRAW, reason: why, at });
      record({ topic: 'campaign.withdrawn', regionCode: current.regionCode, payload: { id, title: current.title } });
      return manager.findOneByOrFail(Campaign, { id });
    });
  }

  private async requireNothingLive(manager: EntityManager, campaignId: string): Promise<void> {
    const blocked = (what: string) => new DomainError(ErrorCode.InvalidTransition, `该活动方案下还有${what}，不能撤销`, { id: campaignId, action: 'WITHDRAW' });
    if (await manager.existsBy(SupervisedTask, { campaignId, status: Not(TaskStatus.WITHDRAWN) })) throw blocked('未撤销的任务，请先撤销或完成这些任务');
    if (await manager.existsBy(SpecialAction, { campaignId, withdrawnAt: IsNull() })) throw blocked('未撤销的专项行动');
    for (const [entity, what] of RECORDS) if (await manager.existsBy(entity, { campaignId })) throw blocked(what);
  }

  /** The campaign, in the caller's write scope, at the version they saw, not withdrawn. */
  private async liveCampaign(caller: Caller | null, id: string, expectedVersion: number): Promise<Campaign> {
    requirePermission(caller, Permission.TASK_WRITE);
    requireUuid(id, 'id', '活动方案');
    const current = await this.campaigns.load(this.dataSource.manager, id);
    requirePermission(caller, Permission.TASK_WRITE, current.regionCode);
    requireVersion(current, expectedVersion, '活动方案');
    if (current.withdrawnAt) throw new DomainError(ErrorCode.InvalidTransition, '该活动方案已撤销', { id, action: 'UPDATE' });
    return current;
  }

  /** The reports each open task of the campaign owes, up to its new end day. */
  private async refreshReports(manager: EntityManager, campaign: Campaign, at: Date): Promise<void> {
    const tasks = await withUnits(manager, await manager.findBy(SupervisedTask, { campaignId: campaign.id, status: TaskStatus.IN_PROGRESS }));
    for (const task of tasks) await refreshReportObligations(manager, task, unitIdsOf(task, UnitRole.LEAD), campaign, at);
  }

  private async write(manager: EntityManager, current: Campaign, changes: Partial<Campaign>): Promise<void> {
    const result = await manager
      .createQueryBuilder()
      .update(Campaign)
      .set(changes)
      .where('id = :id AND version = :version AND withdrawnAt IS NULL', { id: current.id, version: current.version })
      .execute();
    if (result.affected !== 1) throw stale(current.id);
  }
}
