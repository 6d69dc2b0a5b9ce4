import { randomUUID } from 'node:crypto';
import { Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { requireText, requireUuid } from '@bizenv/common/validate';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { CampaignService } from '../campaign/campaign.service.js';
import type { Campaign } from '../campaign/campaign.entity.js';
import { UnitRole } from '../task/task-unit.entity.js';
import type { CreateSpecialActionInput } from './special-action-inputs.js';
import { SpecialActionUnit } from './special-action-unit.entity.js';
import { SpecialAction } from './special-action.entity.js';

const MAX_NUMBER = 1000;
const MAX_UNITS = 50;

/** A special action with its units, as read. */
export type SpecialActionWithUnits = SpecialAction & { units: SpecialActionUnit[] };

export class SpecialActionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly campaigns: CampaignService,
  ) {}

  /** The special actions of a campaign the caller has read, by number (not those withdrawn). */
  async ofCampaign(campaign: Campaign): Promise<SpecialActionWithUnits[]> {
    const actions = await this.dataSource.getRepository(SpecialAction).find({ where: { campaignId: campaign.id, withdrawnAt: IsNull() }, order: { number: 'ASC' } });
    return this.withUnits(this.dataSource.manager, actions);
  }

  /** The special action of a task the caller has read: its context, unchecked. */
  async ofItem(id: string): Promise<SpecialActionWithUnits> {
    return (await this.withUnits(this.dataSource.manager, [await this.load(this.dataSource.manager, id)]))[0];
  }

  /** `ofItem` for the items of a list, by id, with their units: two queries in all. */
  async ofItems(ids: string[]): Promise<Map<string, SpecialActionWithUnits>> {
    const actions = ids.length ? await this.dataSource.getRepository(SpecialAction).findBy({ id: In(ids) }) : [];
    return new Map((await this.withUnits(this.dataSource.manager, actions)).map((action) => [action.id, action]));
  }

  async create(caller: Caller | null, input: CreateSpecialActionInput): Promise<SpecialActionWithUnits> {
    requireUuid(input.campaignId, 'campaignId', '活动方案');
    requirePermission(caller, Permission.TASK_WRITE);
    const campaign = await this.campaigns.loadLive(this.dataSource.manager, input.campaignId, 'campaignId');
    requirePermission(caller, Permission.TASK_WRITE, campaign.regionCode);
    const { lead, co, ...fields } = requireSpecialActionFields(input);
    const action: SpecialAction = { id: randomUUID(), campaignId: campaign.id, regionCode: campaign.regionCode, ...fields, version: 1 };
    const units = specialActionUnitRows(action.id, lead, co);
    await this.outbox.write(async (manager) => {
      if (await manager.existsBy(SpecialAction, { campaignId: campaign.id, number: input.number })) {
        throw new DomainError(ErrorCode.Conflict, `该活动方案中已有序号为${input.number}的专项行动`, { field: 'number' });
      }
      await manager.insert(SpecialAction, action);
      if (units.length) await manager.insert(SpecialActionUnit, units);
    });
    return { ...action, units };
  }

  async load(manager: EntityManager, id: string, field = 'id'): Promise<SpecialAction> {
    const action = await manager.findOneBy(SpecialAction, { id });
    if (!action) throw new DomainError(ErrorCode.NotFound, '未找到该专项行动', { id, field });
    return action;
  }

  async withUnits(manager: EntityManager, actions: SpecialAction[]): Promise<SpecialActionWithUnits[]> {
    if (!actions.length) return [];
    const rows = await manager.getRepository(SpecialActionUnit).find({
      where: { specialActionId: In(actions.map((action) => action.id)) },
      order: { position: 'ASC' },
    });
    return actions.map((action) => ({ ...action, units: rows.filter((row) => row.specialActionId === action.id) }));
  }
}

export function specialActionUnitRows(specialActionId: string, lead: readonly string[], co: readonly string[]): SpecialActionUnit[] {
  return [
    ...lead.map((unitId, position) => ({ specialActionId, unitId, role: UnitRole.LEAD, position })),
    ...co.map((unitId, position) => ({ specialActionId, unitId, role: UnitRole.CO, position })),
  ];
}

type SpecialActionFields = Pick<SpecialAction, 'number' | 'title' | 'leadLeaderId' | 'overallUnitId'> & { lead: string[]; co: string[] };

/** A special action's own fields and units, checked (the same on registration and correction). */
export function requireSpecialActionFields(input: Omit<CreateSpecialActionInput, 'campaignId'>): SpecialActionFields {
  if (!Number.isInteger(input.number) || input.number < 1 || input.number > MAX_NUMBER) {
    throw new DomainError(ErrorCode.BadUserInput, `序号应为1–${MAX_NUMBER}的整数`, { field: 'number' });
  }
  const optionalId = (value: string | null | undefined, field: string, label: string) => (value == null ? null : requireUuid(value, field, label));
  const lead = [...new Set(input.leadUnitIds ?? [])];
  const co = [...new Set(input.responsibleUnitIds ?? [])].filter((unit) => !lead.includes(unit));
  if (lead.length + co.length > MAX_UNITS) throw new DomainError(ErrorCode.BadUserInput, `单位至多${MAX_UNITS}个`, { field: 'responsibleUnitIds' });
  lead.forEach((unit) => requireUuid(unit, 'leadUnitIds', '牵头单位'));
  co.forEach((unit) => requireUuid(unit, 'responsibleUnitIds', '责任单位'));
  return {
    number: input.number,
    title: requireText(input.title, 'title', '名称', 200),
    leadLeaderId: optionalId(input.leadLeaderId, 'leadLeaderId', '牵头领导'),
    overallUnitId: optionalId(input.overallUnitId, 'overallUnitId', '总责任单位'),
    lead,
    co,
  };
}
