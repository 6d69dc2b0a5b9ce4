import { createHmac } from 'node:crypto';
import { formatApiKey, hashApiKey } from '@bizenv/common/api-key';
import { Permission } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DEMO_CITY_CODE } from '@bizenv/common/demo-city';
import { stableId } from '@bizenv/common/stable-id';
import type { DataSource } from 'typeorm';
import { ApiKey } from './api-key.entity.js';

/**
 * The demo 12345 platform's key, derived from the demo data directory's own secret: each
 * installation has its own, and no well-known key exists. `npm start` prints it.
 */
export function demoApiKey(authSecret: Uint8Array): string {
  return formatApiKey(createHmac('sha256', authSecret).update('bizenv demo api key: 12345 hotline platform').digest());
}

/** Seeds the demo key once, into an empty key table (an older demo database gets it too). */
export async function seedDemoApiKey(dataSource: DataSource, authSecret: Uint8Array): Promise<void> {
  const repository = dataSource.getRepository(ApiKey);
  if (await repository.count()) return;
  const key = demoApiKey(authSecret);
  await repository.insert({
    id: stableId('api-key:12345'),
    name: '12345热线平台（演示）',
    regionCode: DEMO_CITY_CODE,
    scopes: [Permission.COMPLAINT_READ, Permission.COMPLAINT_INTAKE, Permission.STATS_READ],
    secretHash: hashApiKey(key),
    lastFour: key.slice(-4),
    createdBy: 'seed',
    createdByName: '演示数据',
    createdAt: now(),
    expiresAt: null,
    revokedAt: null,
  });
}
