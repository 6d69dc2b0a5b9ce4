import { hashApiKey } from '@bizenv/common/api-key';
import { Permission, Role, type Caller } from '@bizenv/common/auth';
import { clockOffsetMs, now, setClockOffset } from '@bizenv/common/clock';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApiKey } from '../src/api-key/demo-api-key.js';
import { organizationSubgraph } from '../src/subgraph.js';

const AUTH_SECRET = new TextEncoder().encode('organization-test-auth-secret-0123456789');
/** API keys are the security administrator's (三员分立). */
const citySecurity: Caller = { id: 'a', name: '市安全管理员', roles: [Role.SECURITY_ADMIN], regionCode: '990100' };
const linjiangSecurity: Caller = { id: 'la', name: '临江区安全管理员', roles: [Role.SECURITY_ADMIN], regionCode: '990102' };
/** The system administrator: no keys. */
const systemAdmin: Caller = { id: 'sa', name: '市系统管理员', roles: [Role.ADMIN], regionCode: '990100' };
const cityLeader: Caller = { id: 'c', name: '市领导', roles: [Role.LEADER], regionCode: '990100' };

const FIELDS = 'id name regionCode scopes lastFour createdBy createdByName createdAt expiresAt revokedAt';
const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { ${FIELDS} } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`;
const LOOKUP = `query($h: String!) { apiKeyBySecretHash(secretHash: $h) { id name regionCode scopes expiresAt } }`;
const LIST = `query($first: Int, $after: String) { apiKeys(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name regionCode } } } }`;

const input = (overrides: Record<string, unknown> = {}) => ({ name: '营商通门户', regionCode: '990100', scopes: ['STATS_READ', 'COMPLAINT_READ'], ...overrides });

describe.each(await databaseTargets())('API keys in the organization subgraph on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;
  const keyCount = async () => Number((await subgraph.dataSource.query('SELECT COUNT(*) AS n FROM api_key'))[0].n);

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(organizationSubgraph({ authSecret: AUTH_SECRET, production: false }), target, [], true);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  it('shows a new key once and keeps only its SHA-256 hash', async () => {
    const result = await callSubgraph(subgraph.url, citySecurity, CREATE, { input: input() });
    expect(result.errors).toBeUndefined();
    const { key, apiKey } = result.data.createApiKey;
    expect(key).toMatch(/^bzk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: '营商通门户', regionCode: '990100', scopes: ['STATS_READ', 'COMPLAINT_READ'], lastFour: key.slice(-4), createdBy: 'a', createdByName: '市安全管理员', expiresAt: null, revokedAt: null });
    const [row] = await subgraph.dataSource.query('SELECT * FROM api_key WHERE id = ?', [apiKey.id]);
    expect(row.secretHash).toBe(hashApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key.slice(4, 20));
    const [audit] = await subgraph.dataSource.query('SELECT actorId, action, result, detail FROM audit_log WHERE targetId = ?', [apiKey.id]);
    expect(audit).toEqual({ actorId: 'a', action: 'API_KEY_CREATE', result: 'ALLOWED', detail: `营商通门户（末4位 ${apiKey.lastFour}）：授权范围 stats:read,complaint:read，区域 990100` });

    const found = await callSubgraph(subgraph.url, null, LOOKUP, { h: hashApiKey(key) });
    expect(found.data.apiKeyBySecretHash).toEqual({ id: apiKey.id, name: '营商通门户', regionCode: '990100', scopes: ['STATS_READ', 'COMPLAINT_READ'], expiresAt: null });
  });

  it('seeds the demo 12345 key, derived from the installation secret', async () => {
    const found = await callSubgraph(subgraph.url, null, LOOKUP, { h: hashApiKey(demoApiKey(AUTH_SECRET)) });
    expect(found.data.apiKeyBySecretHash).toMatchObject({ regionCode: '990100', scopes: ['COMPLAINT_READ', 'COMPLAINT_INTAKE', 'STATS_READ'] });
    expect(demoApiKey(new TextEncoder().encode('another-installation-secret-0123456789'))).not.toBe(demoApiKey(AUTH_SECRET));
  });

  it('no longer finds a revoked key; revoking again keeps the first time', async () => {
    const { key, apiKey } = (await callSubgraph(subgraph.url, citySecurity, CREATE, { input: input() })).data.createApiKey;
    const first = await callSubgraph(subgraph.url, citySecurity, REVOKE, { id: apiKey.id });
    expect(first.data.revokeApiKey.revokedAt).toBeTruthy();
    expect((await callSubgraph(subgraph.url, null, LOOKUP, { h: hashApiKey(key) })).data.apiKeyBySecretHash).toBeNull();
    const again = await callSubgraph(subgraph.url, citySecurity, REVOKE, { id: apiKey.id });
    expect(again.data.revokeApiKey.revokedAt).toBe(first.data.revokeApiKey.revokedAt);
    expect(await subgraph.dataSource.query('SELECT action FROM audit_log WHERE targetId = ? ORDER BY seq', [apiKey.id])).toEqual([{ action: 'API_KEY_CREATE' }, { action: 'API_KEY_REVOKE' }]);
    expect((await callSubgraph(subgraph.url, citySecurity, REVOKE, { id: '00000000-0000-4000-8000-000000000000' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('no longer finds a key past its expiry', async () => {
    const expiresAt = new Date(now().getTime() + 60_000).toISOString();
    const { key } = (await callSubgraph(subgraph.url, citySecurity, CREATE, { input: input({ expiresAt }) })).data.createApiKey;
    expect((await callSubgraph(subgraph.url, null, LOOKUP, { h: hashApiKey(key) })).data.apiKeyBySecretHash.expiresAt).toBe(expiresAt);
    setClockOffset(clockOffsetMs() + 61_000);
    expect((await callSubgraph(subgraph.url, null, LOOKUP, { h: hashApiKey(key) })).data.apiKeyBySecretHash).toBeNull();
  });

  it('refuses every escalation and bad input, storing nothing', async () => {
    const before = await keyCount();
    const attempts: [Caller, Record<string, unknown>, string, string?][] = [
      [cityLeader, input(), 'FORBIDDEN'],
      [systemAdmin, input(), 'FORBIDDEN', Permission.SECURITY_ADMIN],
      [linjiangSecurity, input(), 'FORBIDDEN'],
      [citySecurity, input({ scopes: ['ORG_ADMIN'] }), 'BAD_USER_INPUT', Permission.ORG_ADMIN],
      [citySecurity, input({ scopes: ['STATS_READ', 'SYSTEM_ADMIN'] }), 'BAD_USER_INPUT', Permission.SYSTEM_ADMIN],
      [citySecurity, input({ scopes: ['SECURITY_ADMIN'] }), 'BAD_USER_INPUT', Permission.SECURITY_ADMIN],
      [citySecurity, input({ scopes: ['AUDIT_READ'] }), 'BAD_USER_INPUT', Permission.AUDIT_READ],
      [citySecurity, input({ scopes: ['COMPLAINT_READ', 'COMPLAINANT_IDENTITY'] }), 'BAD_USER_INPUT', Permission.COMPLAINANT_IDENTITY],
      [citySecurity, input({ scopes: ['CLUE_RECEIVE'] }), 'BAD_USER_INPUT', Permission.CLUE_RECEIVE],
      [citySecurity, input({ scopes: [] }), 'BAD_USER_INPUT'],
      [citySecurity, input({ regionCode: '990199' }), 'BAD_USER_INPUT'],
      [citySecurity, input({ regionCode: '99010' }), 'BAD_USER_INPUT'],
      [citySecurity, input({ name: '  ' }), 'BAD_USER_INPUT'],
      [citySecurity, input({ expiresAt: new Date(now().getTime() - 1000).toISOString() }), 'BAD_USER_INPUT'],
    ];
    for (const [caller, attempt, code, permission] of attempts) {
      const result = await callSubgraph(subgraph.url, caller, CREATE, { input: attempt });
      expect(result.errors?.[0].extensions, JSON.stringify(attempt)).toMatchObject({ code, ...(permission ? { permission } : {}) });
    }
    expect(await keyCount()).toBe(before);
    // Within its own district it may, with scopes it does not hold itself (it decides who holds what).
    const own = await callSubgraph(subgraph.url, linjiangSecurity, CREATE, { input: input({ regionCode: '990102003', scopes: ['TASK_READ', 'COMPLAINT_INTAKE'] }) });
    expect(own.data.createApiKey.apiKey).toMatchObject({ regionCode: '990102003', scopes: ['TASK_READ', 'COMPLAINT_INTAKE'] });
    expect(await keyCount()).toBe(before + 1);
  });

  it('lets a security administrator list and revoke only the keys of their subtree, newest first', async () => {
    const city = await callSubgraph(subgraph.url, citySecurity, CREATE, { input: input({ name: '市级密钥' }) });
    const district = await callSubgraph(subgraph.url, linjiangSecurity, CREATE, { input: input({ name: '临江区密钥', regionCode: '990102' }) });
    expect((await callSubgraph(subgraph.url, linjiangSecurity, REVOKE, { id: city.data.createApiKey.apiKey.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const caller of [cityLeader, systemAdmin]) expect((await callSubgraph(subgraph.url, caller, LIST)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await callSubgraph(subgraph.url, systemAdmin, REVOKE, { id: district.data.createApiKey.apiKey.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const all = (await callSubgraph(subgraph.url, citySecurity, LIST, { first: 100 })).data.apiKeys;
    expect(all.totalCount).toBe(await keyCount());
    expect(all.edges[0].node.name).toBe('临江区密钥');
    const districtList = (await callSubgraph(subgraph.url, linjiangSecurity, LIST)).data.apiKeys;
    expect(districtList.edges.length).toBe(districtList.totalCount);
    expect(districtList.edges.every((e: any) => e.node.regionCode.startsWith('990102'))).toBe(true);
    expect(districtList.edges[0].node.id).toBe(district.data.createApiKey.apiKey.id);

    // Walking the pages one by one gives every key exactly once.
    const seen: string[] = [];
    for (let after: string | null = null, more = true; more; ) {
      const page: any = (await callSubgraph(subgraph.url, citySecurity, LIST, { first: 2, after })).data.apiKeys;
      seen.push(...page.edges.map((e: any) => e.node.id));
      ({ hasNextPage: more, endCursor: after } = page.pageInfo);
    }
    expect(seen).toEqual(all.edges.map((e: any) => e.node.id));
  });
});
