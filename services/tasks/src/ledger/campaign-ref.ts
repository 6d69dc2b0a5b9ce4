import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { isWithin } from '@bizenv/common/region-code';
import { requireUuid } from '@bizenv/common/validate';
import type { EntityManager } from 'typeorm';
import { Campaign } from '../campaign/campaign.entity.js';
import { requireLiveCampaign } from '../campaign/campaign.service.js';

/** A campaign named by an item must exist, not be withdrawn, and cover the item's region (a city plan covers its districts). */
export async function requireCampaign(manager: EntityManager, campaignId: string, regionCode: string, field = 'campaignId'): Promise<void> {
  requireUuid(campaignId, field, '活动方案');
  const campaign = await manager.findOneBy(Campaign, { id: campaignId });
  if (!campaign) throw new DomainError(ErrorCode.BadUserInput, '未找到该活动方案', { field });
  requireLiveCampaign(campaign, field);
  if (!isWithin(regionCode, campaign.regionCode)) {
    throw new DomainError(ErrorCode.BadUserInput, '该区域不在活动方案的实施范围内', { field });
  }
}
