import { randomUUID } from 'node:crypto';
import { Permission, requireItem, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireText, requireUuid } from '@bizenv/common/validate';
import { shanghaiDate } from '@bizenv/common/working-days';
import type { DataSource } from 'typeorm';
import { requireCampaign } from '../ledger/campaign-ref.js';
import { optionalUuid } from '../ledger/problem-fields.js';
import { parseDeadlineDay } from '../task/task-deadline.js';
import { AdmonishingTalk } from './admonishing-talk.entity.js';
import type { AdmonishingTalkFilter, RecordAdmonishingTalkInput } from './supervision-inputs.js';

/** 约谈 records: talks with the leaders of units whose work lags or ranks low. */
export class AdmonishingTalkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async record(caller: Caller | null, input: RecordAdmonishingTalkInput): Promise<AdmonishingTalk> {
    requireRegionCode(input.regionCode);
    const actor = requirePermission(caller, Permission.TASK_WRITE, input.regionCode);
    const talk: AdmonishingTalk = {
      id: randomUUID(),
      unitId: requireUuid(input.unitId, 'unitId', '被约谈单位'),
      regionCode: input.regionCode,
      campaignId: input.campaignId ?? null,
      personId: requireUuid(input.personId, 'personId', '被约谈人'),
      conductedById: optionalUuid(input.conductedById, 'conductedById', '约谈人'),
      talkDate: talkDay(input.talkDate),
      reason: requireText(input.reason, 'reason', '约谈事由', 2000),
      outcome: requireText(input.outcome, 'outcome', '约谈结果', 2000),
      recordedById: actor.id,
      recordedByName: [...actor.name].slice(0, 100).join(''),
      recordedAt: now(),
    };
    if (talk.campaignId) await requireCampaign(this.dataSource.manager, talk.campaignId, talk.regionCode);
    await this.outbox.write(async (manager, record) => {
      await manager.insert(AdmonishingTalk, talk);
      record({ topic: 'talk.recorded', regionCode: talk.regionCode, payload: { id: talk.id, unitId: talk.unitId } });
    });
    return talk;
  }

  async get(caller: Caller | null, id: string): Promise<AdmonishingTalk> {
    requirePermission(caller, Permission.TASK_READ);
    const talk = await this.dataSource.getRepository(AdmonishingTalk).findOneBy({ id });
    if (!talk) throw new DomainError(ErrorCode.NotFound, '未找到该约谈记录', { id });
    requireItem(caller, Permission.TASK_READ, talk);
    return talk;
  }

  /** Latest talk first; a unit operator sees only their unit's. */
  list(caller: Caller | null, filter: AdmonishingTalkFilter, page: PageArgs): Promise<Page<AdmonishingTalk>> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    if (filter.unitId != null) requireUuid(filter.unitId, 'filter.unitId', '被约谈单位');
    if (filter.campaignId != null) requireUuid(filter.campaignId, 'filter.campaignId', '活动方案');
    const scope = requireListScope(caller, Permission.TASK_READ, filter.regionCode);
    const query = this.dataSource
      .getRepository(AdmonishingTalk)
      .createQueryBuilder('t')
      .where('t.regionCode LIKE :prefix', { prefix: `${subtreePrefix(scope.regionCode)}%` });
    if (scope.unitId) query.andWhere('t.unitId = :ownUnit', { ownUnit: scope.unitId });
    if (filter.unitId != null) query.andWhere('t.unitId = :unitId', { unitId: filter.unitId });
    if (filter.campaignId != null) query.andWhere('t.campaignId = :campaignId', { campaignId: filter.campaignId });
    return paginate(
      query,
      [
        { column: 't.talkDate', property: 'talkDate', direction: 'DESC' },
        { column: 't.id', property: 'id', direction: 'DESC' },
      ],
      page,
    );
  }
}

/** A talk that took place: a Shanghai day from 2004 up to today. */
function talkDay(value: string): string {
  const day = parseDeadlineDay(value);
  const date = day && shanghaiDate(day);
  if (!date || date < '2004-01-01' || date > shanghaiDate(now())) {
    throw new DomainError(ErrorCode.BadUserInput, '约谈日期应为2004年以来、不晚于今天的日期，如 2026-07-15', { field: 'talkDate' });
  }
  return date;
}
