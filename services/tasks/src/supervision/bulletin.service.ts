import { randomUUID } from 'node:crypto';
import { Permission, requireCaller, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { insertRows } from '@bizenv/common/insert-rows';
import type { Outbox } from '@bizenv/common/outbox';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireText, requireUuid } from '@bizenv/common/validate';
import type { DataSource } from 'typeorm';
import { requireCampaign } from '../ledger/campaign-ref.js';
import { BulletinEntry } from './bulletin-entry.entity.js';
import { Bulletin } from './bulletin.entity.js';
import type { BulletinFilter, PublishBulletinInput } from './supervision-inputs.js';

const MAX_ENTRIES = 200;

/**
 * 通报: published by supervisors, naming good and bad examples. A bulletin is a published
 * document: everyone who reads tasks in its region reads it, unit operators included.
 */
export class BulletinService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async publish(caller: Caller | null, input: PublishBulletinInput): Promise<Bulletin> {
    requireRegionCode(input.regionCode);
    const actor = requirePermission(caller, Permission.TASK_WRITE, input.regionCode);
    const bulletin: Bulletin = {
      id: randomUUID(),
      regionCode: input.regionCode,
      campaignId: input.campaignId == null ? null : requireUuid(input.campaignId, 'campaignId', '活动方案'),
      title: requireText(input.title, 'title', '标题', 200),
      content: requireText(input.content, 'content', '正文', 20000),
      publishedById: actor.id,
      publishedByName: [...actor.name].slice(0, 100).join(''),
      publishedAt: now(),
    };
    if (input.entries.length < 1 || input.entries.length > MAX_ENTRIES) {
      throw new DomainError(ErrorCode.BadUserInput, `通报须点名1–${MAX_ENTRIES}个单位`, { field: 'entries' });
    }
    const seen = new Set<string>();
    const entries = input.entries.map((entry, i) => {
      const unitId = requireUuid(entry.unitId, `entries[${i}].unitId`, '单位');
      if (seen.has(unitId)) throw new DomainError(ErrorCode.BadUserInput, '同一单位在一份通报中只能出现一次', { field: `entries[${i}].unitId` });
      seen.add(unitId);
      return { bulletinId: bulletin.id, unitId, verdict: entry.verdict, note: requireText(entry.note, `entries[${i}].note`, '评语', 500) };
    });
    if (bulletin.campaignId) await requireCampaign(this.dataSource.manager, bulletin.campaignId, bulletin.regionCode);
    await this.outbox.write(async (manager, record) => {
      await manager.insert(Bulletin, bulletin);
      await insertRows(manager, BulletinEntry, entries);
      record({ topic: 'bulletin.published', regionCode: bulletin.regionCode, payload: { id: bulletin.id, title: bulletin.title } });
    });
    return bulletin;
  }

  async get(caller: Caller | null, id: string): Promise<Bulletin> {
    requirePermission(caller, Permission.TASK_READ);
    const bulletin = await this.dataSource.getRepository(Bulletin).findOneBy({ id });
    if (!bulletin) throw new DomainError(ErrorCode.NotFound, '未找到该通报', { id });
    requirePermission(caller, Permission.TASK_READ, bulletin.regionCode);
    return bulletin;
  }

  /** Newest first. */
  list(caller: Caller | null, filter: BulletinFilter, page: PageArgs): Promise<Page<Bulletin>> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    if (filter.unitId != null) requireUuid(filter.unitId, 'filter.unitId', '单位');
    if (filter.campaignId != null) requireUuid(filter.campaignId, 'filter.campaignId', '活动方案');
    const region = filter.regionCode ?? requireCaller(caller).regionCode;
    requirePermission(caller, Permission.TASK_READ, region);
    const query = this.dataSource
      .getRepository(Bulletin)
      .createQueryBuilder('b')
      .where('b.regionCode LIKE :prefix', { prefix: `${subtreePrefix(region)}%` });
    if (filter.campaignId != null) query.andWhere('b.campaignId = :campaignId', { campaignId: filter.campaignId });
    if (filter.unitId != null) {
      query.andWhere('EXISTS (SELECT 1 FROM bulletin_entry e WHERE e.bulletinId = b.id AND e.unitId = :unitId)', { unitId: filter.unitId });
    }
    return paginate(
      query,
      [
        { column: 'b.publishedAt', property: 'publishedAt', direction: 'DESC' },
        { column: 'b.id', property: 'id', direction: 'DESC' },
      ],
      page,
    );
  }

  /** The units named, criticised ones first. */
  entries(bulletin: Bulletin): Promise<BulletinEntry[]> {
    return this.dataSource.getRepository(BulletinEntry).find({ where: { bulletinId: bulletin.id }, order: { verdict: 'DESC', id: 'ASC' } });
  }
}
