import { randomUUID } from 'node:crypto';
import { Role, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import type { DataSource } from 'typeorm';
import { Campaign } from '../src/campaign/campaign.entity.js';

/** Units and people of the tests: two units in 临江区, one in 城南区. */
export const UNIT_A = '7b1e0c2a-0000-4000-8000-00000000000a';
export const UNIT_B = '7b1e0c2a-0000-4000-8000-00000000000b';
export const UNIT_C = '7b1e0c2a-0000-4000-8000-00000000000c';
export const PERSON_A = '7b1e0c2a-0000-4000-8000-0000000000a1';
export const PERSON_C = '7b1e0c2a-0000-4000-8000-0000000000c1';

export const citySupervisor: Caller = { id: 'sup-1', name: '市营商办督办员', roles: [Role.SUPERVISOR], regionCode: '990100' };
export const otherSupervisor: Caller = { id: 'sup-2', name: '市营商办督办员乙', roles: [Role.SUPERVISOR], regionCode: '990100' };
export const linjiangLeader: Caller = { id: 'leader-1', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };
export const handlerA: Caller = { id: 'handler-a', name: 'A单位承办人', roles: [Role.UNIT_HANDLER], regionCode: '990102', unitId: UNIT_A };
export const handlerB: Caller = { id: 'handler-b', name: 'B单位承办人', roles: [Role.UNIT_HANDLER], regionCode: '990102', unitId: UNIT_B };
/** An administrator working in unit A: may both ask for and approve a sign-off, but not of the same request. */
export const adminOfA: Caller = { id: 'admin-a', name: 'A单位管理员', roles: [Role.ADMIN], regionCode: '990100', unitId: UNIT_A };

/** A city campaign (the plan every test item belongs to), inserted straight into the database. */
export async function insertCampaign(dataSource: DataSource, regionCode = '990100'): Promise<string> {
  const id = randomUUID();
  await dataSource.getRepository(Campaign).insert({
    id,
    regionCode,
    title: '江湾市营商环境整治提升年活动方案',
    issuingBody: '江湾市人民政府办公室',
    year: 2026,
    documentNumber: null,
    startsOn: '2026-03-01',
    endsOn: '2099-12-31',
    reportCadence: null,
    createdAt: now(),
  });
  return id;
}
