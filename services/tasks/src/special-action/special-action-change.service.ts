import { Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { requireUuid } from '@bizenv/common/validate';
import { Not, type DataSource, type EntityManager } from 'typeorm';
import { requireLiveCampaign, type CampaignService } from '../campaign/campaign.service.js';
import { PlanChangeAction, PlanItemKind } from '../plan-change/plan-change-enums.js';
import { fieldChanges, recordPlanChange, requireVersion, requireWithdrawalReason } from '../plan-change/plan-change-log.js';
import { TaskStatus } from '../task/task-status.js';
import { UnitRole } from '../task/task-unit.entity.js';
import { SupervisedTask } from '../task/task.entity.js';
import type { UpdateSpecialActionInput } from './special-action-inputs.js';
import { SpecialActionUnit } from './special-action-unit.entity.js';
import { SpecialAction } from './special-action.entity.js';
import { requireSpecialActionFields, specialActionUnitRows, type SpecialActionService, type SpecialActionWithUnits } from './special-action.service.js';

const unitsOf = (action: SpecialActionWithUnits, role: UnitRole) => action.units.filter((u) => u.role === role).map((u) => u.unitId);

const logged = (action: Pick<SpecialAction, 'number' | 'title' | 'leadLeaderId' | 'overallUnitId'>, lead: string[], co: string[]) => ({
  number: action.number,
  title: action.title,
  leadLeaderId: action.leadLeaderId,
  overallUnitId: action.overallUnitId,
  leadUnitIds: lead,
  responsibleUnitIds: co,
});

/** Corrections and withdrawals (撤销) of special actions, by whoever may register one in the campaign's region. */
export class SpecialActionChangeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly campaigns: CampaignService,
    private readonly specialActions: SpecialActionService,
  ) {}

  /** Only the fields given change (a unit list given replaces the old one), checked as on registration. */
  async update(caller: Caller | null, id: string, expectedVersion: number, input: UpdateSpecialActionInput): Promise<SpecialActionWithUnits> {
    const current = await this.liveAction(caller, id, expectedVersion);
    const { lead, co, ...fields } = requireSpecialActionFields({
      number: input.number ?? current.number,
      title: input.title ?? current.title,
      leadLeaderId: input.leadLeaderId === undefined ? current.leadLeaderId : input.leadLeaderId,
      overallUnitId: input.overallUnitId === undefined ? current.overallUnitId : input.overallUnitId,
      leadUnitIds: input.leadUnitIds ?? unitsOf(current, UnitRole.LEAD),
      responsibleUnitIds: input.responsibleUnitIds ?? unitsOf(current, UnitRole.CO),
    });
    const changes = fieldChanges(logged(current, unitsOf(current, UnitRole.LEAD), unitsOf(current, UnitRole.CO)), logged(fields, lead, co));
    if (!changes.length) return current;
    const at = now();
    const updated = await this.outbox.write(async (manager, record) => {
      if (fields.number !== current.number && (await manager.existsBy(SpecialAction, { campaignId: current.campaignId, number: fields.number }))) {
        throw new DomainError(ErrorCode.Conflict, `该活动方案中已有序号为${fields.number}的专项行动`, { field: 'number' });
      }
      await this.write(manager, current, { ...fields, version: expectedVersion + 1 });
      if (changes.some((c) => c.field === 'leadUnitIds' || c.field === 'responsibleUnitIds')) {
        await manager.delete(SpecialActionUnit, { specialActionId: id });
        const units = specialActionUnitRows(id, lead, co);
        if (units.length) await manager.insert(SpecialActionUnit, units);
      }
      await recordPlanChange(manager, requirePermission(caller, Permission.TASK_WRITE), { kind: PlanItemKind.SPECIAL_ACTION, id }, { action: PlanChangeAction.UPDATE, changes, at });
      record({ topic: 'special-action.updated', regionCode: current.regionCode, payload: { id, title: fields.title } });
      return manager.findOneByOrFail(SpecialAction, { id });
    });
    return (await this.specialActions.withUnits(this.dataSource.manager, [updated]))[0];
  }

  /** 撤销 a special action registered by mistake: only once all its tasks are withdrawn; it stays readable, out of its campaign's list. */
  async withdraw(caller: Caller | null, id: string, expectedVersion: number, reason: string): Promise<SpecialActionWithUnits> {
    const current = await this.liveAction(caller, id, expectedVersion);
    const why = requireWithdrawalReason(reason);
    const at = now();
    const updated = await this.outbox.write(async (manager, record) => {
      if (await manager.existsBy(SupervisedTask, { specialActionId: id, status: Not(TaskStatus.WITHDRAWN) })) {
        throw new DomainError(ErrorCode.InvalidTransition, '该专项行动下还有未撤销的任务，不能撤销', { id, action: 'WITHDRAW' });
      }
      await this.write(manager, current, { withdrawnAt: at, withdrawalReason: why, version: expectedVersion + 1 });
      await recordPlanChange(manager, requirePermission(caller, Permission.TASK_WRITE), { kind: PlanItemKind.SPECIAL_ACTION, id }, { action: PlanChangeAction.WITHDRAW, reason: why, at });
      record({ topic: 'special-action.withdrawn', regionCode: current.regionCode, payload: { id, title: current.title } });
      return manager.findOneByOrFail(SpecialAction, { id });
    });
    return (await this.specialActions.withUnits(this.dataSource.manager, [updated]))[0];
  }

  /** The special action, in the caller's write scope, at the version they saw, neither it nor its campaign withdrawn. */
  private async liveAction(caller: Caller | null, id: string, expectedVersion: number): Promise<SpecialActionWithUnits> {
    requirePermission(caller, Permission.TASK_WRITE);
    requireUuid(id, 'id', '专项行动');
    const current = await this.specialActions.ofItem(id);
    requirePermission(caller, Permission.TASK_WRITE, current.regionCode);
    requireVersion(current, expectedVersion, '专项行动');
    if (current.withdrawnAt) throw new DomainError(ErrorCode.InvalidTransition, '该专项行动已撤销', { id, action: 'UPDATE' });
    requireLiveCampaign(await this.campaigns.load(this.dataSource.manager, current.campaignId), 'id');
    return current;
  }

  private async write(manager: EntityManager, current: SpecialAction, changes: Partial<SpecialAction>): Promise<void> {
    const result = await manager
      .createQueryBuilder()
      .update(SpecialAction)
      .set(changes)
      .where('id = :id AND version = :version AND withdrawnAt IS NULL', { id: current.id, version: current.version })
      .execute();
    if (result.affected !== 1) throw new DomainError(ErrorCode.Conflict, '该专项行动已被他人修改，请刷新后重试', { id: current.id });
  }
}
