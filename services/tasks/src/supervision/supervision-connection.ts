import { connectionOf } from '@bizenv/common/connection';
import { AdmonishingTalk } from './admonishing-talk.entity.js';
import { Bulletin } from './bulletin.entity.js';
import { Supervision } from './supervision.entity.js';

export const SupervisionConnection = connectionOf(Supervision, 'Supervision');
export const BulletinConnection = connectionOf(Bulletin, 'Bulletin');
export const AdmonishingTalkConnection = connectionOf(AdmonishingTalk, 'AdmonishingTalk');
