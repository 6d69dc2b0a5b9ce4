import { randomUUID } from 'node:crypto';
import { Permission, requireAnyPermission, requireCaller, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireText } from '@bizenv/common/validate';
import { shanghaiDate } from '@bizenv/common/working-days';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { isDay } from '../task/task-deadline.js';
import { CampaignStatus } from './campaign-calendar.js';
import type { CampaignFilter, CampaignPhaseInput, CreateCampaignInput } from './campaign-inputs.js';
import { CampaignPhase } from './campaign-phase.entity.js';
import { Campaign } from './campaign.entity.js';

const MAX_PHASES = 12;
const MAX_MILESTONES = 20;
/** Reading a plan's schedule: integrators and staff (task:read) and wall screens (its phase and days left). */
const CAMPAIGN_READERS = [Permission.TASK_READ, Permission.STATS_READ];

const invalid = (field: string, message: string) => new DomainError(ErrorCode.BadUserInput, message, { field });

function requireDay(value: string, field: string): string {
  if (!isDay(value)) throw invalid(field, '日期应为存在的日期，如 2026-03-01');
  return value;
}

export const today = () => shanghaiDate(now());

export class CampaignService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async get(caller: Caller | null, id: string): Promise<Campaign> {
    requireAnyPermission(caller, CAMPAIGN_READERS);
    const campaign = await this.load(this.dataSource.manager, id);
    requireAnyPermission(caller, CAMPAIGN_READERS, campaign.regionCode);
    return campaign;
  }

  /** The campaign of an item the caller has read (a task, a special action): its context, unchecked. */
  ofItem(id: string): Promise<Campaign> {
    return this.load(this.dataSource.manager, id);
  }

  /** `ofItem` for the items of a list, by id, in one query. */
  async ofItems(ids: string[]): Promise<Map<string, Campaign>> {
    const campaigns = ids.length ? await this.dataSource.getRepository(Campaign).findBy({ id: In(ids) }) : [];
    return new Map(campaigns.map((campaign) => [campaign.id, campaign]));
  }

  /** Newest first, within the caller's subtree; withdrawn ones only when asked for. */
  list(caller: Caller | null, filter: CampaignFilter, page: PageArgs): Promise<Page<Campaign>> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    const regionCode = filter.regionCode ?? requireCaller(caller).regionCode;
    requireAnyPermission(caller, CAMPAIGN_READERS, regionCode);
    const query = this.dataSource
      .getRepository(Campaign)
      .createQueryBuilder('c')
      .where('c.regionCode LIKE :prefix', { prefix: `${subtreePrefix(regionCode)}%` })
      .andWhere(filter.withdrawn ? 'c.withdrawnAt IS NOT NULL' : 'c.withdrawnAt IS NULL');
    if (filter.year != null) query.andWhere('c.year = :year', { year: filter.year });
    const day = today();
    if (filter.status === CampaignStatus.NOT_STARTED) query.andWhere('c.startsOn > :day', { day });
    if (filter.status === CampaignStatus.IN_PROGRESS) query.andWhere('c.startsOn <= :day AND c.endsOn >= :day', { day });
    if (filter.status === CampaignStatus.ENDED) query.andWhere('c.endsOn < :day', { day });
    return paginate(query, [{ column: 'c.startsOn', property: 'startsOn', direction: 'DESC' }, { column: 'c.id', property: 'id', direction: 'DESC' }], page);
  }

  /** The region's own campaign in progress today (the latest started, not withdrawn), for the screen. */
  async current(caller: Caller | null, regionCode: string): Promise<Campaign | null> {
    requireRegionCode(regionCode, 'code');
    requireAnyPermission(caller, CAMPAIGN_READERS, regionCode);
    const day = today();
    return this.dataSource
      .getRepository(Campaign)
      .createQueryBuilder('c')
      .where('c.regionCode = :regionCode AND c.startsOn <= :day AND c.endsOn >= :day AND c.withdrawnAt IS NULL', { regionCode, day })
      .orderBy('c.startsOn', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getOne();
  }

  phases(campaignId: string): Promise<CampaignPhase[]> {
    return this.dataSource.getRepository(CampaignPhase).find({ where: { campaignId }, order: { position: 'ASC' } });
  }

  async create(caller: Caller | null, input: CreateCampaignInput): Promise<Campaign> {
    requireRegionCode(input.regionCode);
    requirePermission(caller, Permission.TASK_WRITE, input.regionCode);
    const campaign: Campaign = {
      id: randomUUID(),
      regionCode: input.regionCode,
      ...requireCampaignFields(input),
      reportCadence: input.reportCadence ?? null,
      createdAt: now(),
      version: 1,
    };
    const phases = requirePhases(campaign, input.phases);
    await this.outbox.write(async (manager, record) => {
      await manager.insert(Campaign, campaign);
      await manager.insert(CampaignPhase, phases);
      record({ topic: 'campaign.created', regionCode: campaign.regionCode, payload: { id: campaign.id, title: campaign.title } });
    });
    return campaign;
  }

  async load(manager: EntityManager, id: string, field = 'id'): Promise<Campaign> {
    const campaign = await manager.findOneBy(Campaign, { id });
    if (!campaign) throw new DomainError(ErrorCode.NotFound, '未找到该活动方案', { id, field });
    return campaign;
  }

  /** A campaign that new tasks, special actions or an import are added to: not withdrawn. */
  async loadLive(manager: EntityManager, id: string, field = 'id'): Promise<Campaign> {
    return requireLiveCampaign(await this.load(manager, id, field), field);
  }
}

/** Refuses a withdrawn campaign as the home of something new. */
export function requireLiveCampaign<T extends Pick<Campaign, 'withdrawnAt'>>(campaign: T, field: string): T {
  if (campaign.withdrawnAt) throw invalid(field, '该活动方案已撤销');
  return campaign;
}

type CampaignFields = Pick<Campaign, 'title' | 'issuingBody' | 'year' | 'documentNumber' | 'startsOn' | 'endsOn'>;

/** A campaign's own fields, checked (the same on registration and correction). */
export function requireCampaignFields(input: Omit<CampaignFields, 'documentNumber'> & { documentNumber?: string | null }): CampaignFields {
  const startsOn = requireDay(input.startsOn, 'startsOn');
  const endsOn = requireDay(input.endsOn, 'endsOn');
  if (endsOn < startsOn) throw invalid('endsOn', '结束日期不能早于开始日期');
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw invalid('year', '年度应为2000–2100的整数');
  return {
    title: requireText(input.title, 'title', '方案名称', 200),
    issuingBody: requireText(input.issuingBody, 'issuingBody', '印发机关', 100),
    year: input.year,
    documentNumber: input.documentNumber == null || !input.documentNumber.trim() ? null : requireText(input.documentNumber, 'documentNumber', '文号', 64),
    startsOn,
    endsOn,
  };
}

/** Phases in order, not overlapping, within the campaign; milestones within their phase. */
export function requirePhases(campaign: Pick<Campaign, 'id' | 'startsOn' | 'endsOn'>, inputs: CampaignPhaseInput[]): CampaignPhase[] {
  if (!inputs.length || inputs.length > MAX_PHASES) throw invalid('phases', `阶段应为1–${MAX_PHASES}个`);
  return inputs.map((input, i) => {
    const field = `phases[${i}]`;
    const startsOn = requireDay(input.startsOn, `${field}.startsOn`);
    const endsOn = requireDay(input.endsOn, `${field}.endsOn`);
    if (endsOn < startsOn) throw invalid(`${field}.endsOn`, '阶段结束日期不能早于开始日期');
    if (startsOn < campaign.startsOn || endsOn > campaign.endsOn) throw invalid(`${field}.startsOn`, '阶段应在方案起止日期之内');
    if (i > 0 && startsOn <= inputs[i - 1].endsOn) throw invalid(`${field}.startsOn`, '阶段应按时间先后排列且互不重叠');
    const milestones = input.milestones ?? [];
    if (milestones.length > MAX_MILESTONES) throw invalid(`${field}.milestones`, `每个阶段至多${MAX_MILESTONES}个时间节点`);
    return {
      id: randomUUID(),
      campaignId: campaign.id,
      position: i + 1,
      name: requireText(input.name, `${field}.name`, '阶段名称', 100),
      startsOn,
      endsOn,
      milestones: milestones.map((milestone, j) => {
        const on = requireDay(milestone.on, `${field}.milestones[${j}].on`);
        if (on < startsOn || on > endsOn) throw invalid(`${field}.milestones[${j}].on`, '时间节点应在本阶段之内');
        return { on, title: requireText(milestone.title, `${field}.milestones[${j}].title`, '节点内容', 200) };
      }),
    };
  });
}
