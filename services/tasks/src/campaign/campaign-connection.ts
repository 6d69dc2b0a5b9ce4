import { connectionOf } from '@bizenv/common/connection';
import { Campaign } from './campaign.entity.js';

export const CampaignConnection = connectionOf(Campaign, 'Campaign');
