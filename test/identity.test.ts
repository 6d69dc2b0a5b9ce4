import { randomBytes } from 'node:crypto';
import { API_KEY_HEADER, generateApiKey, hashApiKey } from '@bizenv/common/api-key';
import { GATEWAY_AUTH_HEADER, Role, signSessionToken } from '@bizenv/common/auth';
import type { RunningServer } from '@bizenv/common/subgraph-server';
import { databaseTargets, type DatabaseTarget } from '@bizenv/common/testing';
import { INVALID_API_KEY } from '@bizenv/gateway/api-key-verifier';
import { signHs256, startFakeIdentityProvider, type FakeIdentityProvider } from '@bizenv/gateway/fake-identity-provider';
import { startGateway } from '@bizenv/gateway/server';
import { demoApiKey } from '@bizenv/organization/api-key/demo-api-key';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSupergraph } from '../scripts/system.js';
import { eventually, startTestSystem, type TestSystem } from './support/system.js';

const REGION = 'query($code: ID!) { region(code: $code) { code name } }';
const STATS = 'query($code: ID!) { region(code: $code) { code complaintStats { total } } }';
const COMPLAINT = 'query($id: ID!) { complaint(id: $id) { id title } }';
const RECEIVE = 'mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id } }';
const DISPATCH = 'mutation($input: DispatchComplaintInput!) { dispatchComplaint(input: $input) { id } }';
const CREATE_KEY = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id scopes } } }';
const REVOKE_KEY = 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';
const VIEWER = '{ viewer { id name roles regionCode permissions } }';
const SCREEN = 'subscription($code: ID!) { regionStats(code: $code) { code complaintStats { total } } }';

const complaint = (regionCode: string) => ({ channel: 'HOTLINE_12345', category: 'BUCK_PASSING', title: '窗口推诿', content: '多次往返未办结', regionCode });
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A token "signed" with `alg: none`, written by hand as an attacker would. */
const unsigned = (payload: object) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
const inFiveMinutes = () => Math.floor(Date.now() / 1000) + 300;
const linjiangLeader = { sub: 'uias-2001', name: '临江区领导（统一身份）', roles: ['LEADER'], region: '990102' };

function expectUnauthenticated(result: { status: number; errors?: any[]; data?: any }, label: string) {
  expect(result.status, label).toBe(401);
  expect(result.errors?.[0].extensions.code, label).toBe('UNAUTHENTICATED');
  expect(result.data ?? null, label).toBeNull();
}

/** How a subscription's connection ends: the close code, or 'open' once a frame arrives. */
function connectionOutcome(system: TestSystem, params: Record<string, unknown>, code = '990102'): Promise<{ closed?: number; frame?: any }> {
  const client = system.subscribe(params);
  return new Promise<{ closed?: number; frame?: any }>((resolve) => {
    client.on('closed', (event: any) => resolve({ closed: event.code }));
    client.subscribe({ query: SCREEN, variables: { code } }, { next: (frame) => resolve({ frame }), error: () => {}, complete: () => {} });
  }).finally(() => client.dispose());
}

describe.each(await databaseTargets())('sign-in and access through the gateway on $name', ({ create }) => {
  let target: DatabaseTarget;
  let idp: FakeIdentityProvider;
  let system: TestSystem;
  let security: string;

  beforeAll(async () => {
    target = create();
    idp = await startFakeIdentityProvider('RS256');
    system = await startTestSystem(target, {
      env: { IDP_ISSUER: idp.issuer, IDP_JWKS_URL: idp.jwksUrl, IDP_AUDIENCE: idp.audience, API_KEY_CACHE_SECONDS: '1' },
    });
    security = await system.login('security');
  });

  afterAll(async () => {
    await system?.stop();
    await idp?.stop();
    await target?.dispose();
  });

  it('refuses bad tokens with 401 UNAUTHENTICATED', async () => {
    const cityLeader = { id: 'u1', name: '市领导', roles: [Role.LEADER], regionCode: '990100' };
    const publicJwk = (await (await fetch(idp.jwksUrl)).json()).keys[0];
    const session = { iss: 'bizenv', aud: 'bizenv-gateway', sub: 'u1', roles: ['ADMIN'], region: '990100', exp: inFiveMinutes() };
    const platform = { ...linjiangLeader, iss: idp.issuer, aud: idp.audience, exp: inFiveMinutes() };
    const bad: Record<string, string> = {
      'expired session token': await signSessionToken(cityLeader, system.config.authSecret, '1 minute ago'),
      'session token signed with another key': await signSessionToken(cityLeader, randomBytes(32)),
      'session token with alg none': unsigned(session),
      'platform token with alg none': unsigned(platform),
      'platform token signed with an unpublished key': await idp.sign(linjiangLeader, { key: await idp.untrustedKey() }),
      'platform token from another issuer': await idp.sign(linjiangLeader, { issuer: 'https://other-idp.example.gov.cn' }),
      'platform key claiming our issuer': await idp.sign(linjiangLeader, { issuer: 'bizenv', audience: 'bizenv-gateway' }),
      'platform token for another audience': await idp.sign(linjiangLeader, { audience: 'another-system' }),
      'expired platform token': await idp.sign(linjiangLeader, { expiresAt: Math.floor(Date.now() / 1000) - 600 }),
      // Algorithm confusion: HS256 "signed" with the platform's public key as the HMAC secret.
      'HS256 token to the JWKS verifier': await signHs256(linjiangLeader, new TextEncoder().encode(JSON.stringify(publicJwk)), {
        issuer: idp.issuer,
        audience: idp.audience,
        kid: publicJwk.kid,
      }),
    };
    for (const [label, token] of Object.entries(bad)) {
      expectUnauthenticated(await system.query(REGION, { code: '990102' }, token), label);
    }
  });

  it('signs a platform user in with the scope of their roles and region', async () => {
    const token = await idp.sign(linjiangLeader);
    expect((await system.query(VIEWER, {}, token)).data.viewer).toMatchObject({ id: 'idp:uias-2001', name: '临江区领导（统一身份）', roles: ['LEADER'], regionCode: '990102' });
    const own = await system.query(STATS, { code: '990102' }, token);
    expect(own.errors).toBeUndefined();
    expect(own.data.region.complaintStats.total).toBeGreaterThan(0);
    for (const code of ['990103', '990100']) {
      const other = await system.query(STATS, { code }, token);
      expect(other.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(other.data?.region ?? null).toBeNull();
    }
    // A leader reads; only roles grant writes, whatever else the token says.
    const write = await system.query(RECEIVE, { input: complaint('990102003') }, await idp.sign({ ...linjiangLeader, perms: ['complaint:intake'] }));
    expect(write.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('accepts a platform that shares an HS256 key, at a gateway configured for it', async () => {
    const sharedKey = new TextEncoder().encode(randomBytes(24).toString('hex'));
    const gateway: RunningServer = await startGateway({
      supergraphSdl: readSupergraph(),
      subgraphUrls: Object.fromEntries(system.subgraphs.map((s) => [s.name, s.url])),
      internalSecret: system.config.internalSecret,
      authSecret: system.config.authSecret,
      identityProvider: { issuer: 'uias', sharedKey, claims: { name: 'name', roles: 'roles', region: 'region', unit: 'unit' } },
      bus: system.bus,
      port: 0,
      host: '127.0.0.1',
      production: false,
    });
    const post = async (token: string) => {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: REGION, variables: { code: '990103' } }),
      });
      return { status: response.status, ...(await response.json()) };
    };
    const sign = (key: Uint8Array, region: string) => signHs256({ ...linjiangLeader, region }, key, { issuer: 'uias' });
    try {
      expect((await post(await sign(sharedKey, '990103'))).data.region.name).toBe('城南区');
      expect((await post(await sign(sharedKey, '990102'))).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expectUnauthenticated(await post(await sign(new TextEncoder().encode(randomBytes(24).toString('hex')), '990103')), 'another shared key');
    } finally {
      await gateway.stop();
    }
  });

  it('gives an API key exactly its scopes and region, until it is revoked', async () => {
    const created = await system.query(CREATE_KEY, { input: { name: '临江区统计接口', regionCode: '990102', scopes: ['STATS_READ'] } }, security);
    expect(created.errors).toBeUndefined();
    const { key, apiKey } = created.data.createApiKey;
    const asKey = { [API_KEY_HEADER]: key };
    const viewer = (await system.query(VIEWER, {}, asKey)).data.viewer;
    expect(viewer).toEqual({ id: `apikey:${apiKey.id}`, name: '临江区统计接口', roles: ['INTEGRATOR'], regionCode: '990102', permissions: ['stats:read'] });

    const stats = await system.query(STATS, { code: '990102' }, asKey);
    expect(stats.errors).toBeUndefined();
    expect(stats.data.region.complaintStats.total).toBeGreaterThan(0);
    expect((await system.query(STATS, { code: '990100' }, asKey)).errors?.[0].extensions.code).toBe('FORBIDDEN');

    const item = (await system.query(RECEIVE, { input: complaint('990102003') }, await system.login('hotline'))).data.receiveComplaint.id;
    expect((await system.query(COMPLAINT, { id: item }, asKey)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await system.query(RECEIVE, { input: complaint('990102003') }, asKey)).errors?.[0].extensions.code).toBe('FORBIDDEN');

    const revoked = await system.query(REVOKE_KEY, { id: apiKey.id }, security);
    expect(revoked.data.revokeApiKey.revokedAt).toBeTruthy();
    // Refused once the gateway's cache window (1 s here, 30 s by default) has passed.
    const refused = await eventually(async () => {
      const result = await system.query(STATS, { code: '990102' }, asKey);
      return result.status === 401 ? result : null;
    }, 5000);
    expectUnauthenticated(refused, 'revoked key');
    expect(refused.errors?.[0].message).toBe(INVALID_API_KEY);
  });

  it('gives an unknown, a revoked and an expired key the same answer', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const { key } = (await system.query(CREATE_KEY, { input: { name: '短期密钥', regionCode: '990100', scopes: ['STATS_READ'], expiresAt } }, security)).data.createApiKey;
    expect((await system.query(REGION, { code: '990100' }, { [API_KEY_HEADER]: key })).errors).toBeUndefined();
    const expired = await eventually(async () => {
      const result = await system.query(REGION, { code: '990100' }, { [API_KEY_HEADER]: key });
      return result.status === 401 ? result : null;
    }, 5000);
    const unknown = await system.query(REGION, { code: '990100' }, { [API_KEY_HEADER]: generateApiKey() });
    const malformed = await system.query(REGION, { code: '990100' }, { [API_KEY_HEADER]: 'not-a-key' });
    for (const [label, result] of Object.entries({ expired, unknown, malformed })) {
      expectUnauthenticated(result, label);
      expect(result.errors?.[0].message, label).toBe(INVALID_API_KEY);
    }
  });

  it('lets the demo 12345 platform key take in and read complaints, but not steer them', async () => {
    const asPlatform = { [API_KEY_HEADER]: demoApiKey(system.config.authSecret) };
    const received = await system.query(RECEIVE, { input: complaint('990103001') }, asPlatform);
    expect(received.errors).toBeUndefined();
    const { id } = received.data.receiveComplaint;
    expect((await system.query(COMPLAINT, { id }, asPlatform)).data.complaint).toEqual({ id, title: '窗口推诿' });
    const dispatch = await system.query(DISPATCH, { input: { id, unitId: '00000000-0000-4000-8000-000000000000', expectedVersion: 0 } }, asPlatform);
    expect(dispatch.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('refuses credentials of two kinds at once, and every way of escalating through a key', async () => {
    expectUnauthenticated(await system.query(REGION, { code: '990100' }, { authorization: `Bearer ${security}`, [API_KEY_HEADER]: demoApiKey(system.config.authSecret) }), 'both');
    const asPlatform = { [API_KEY_HEADER]: demoApiKey(system.config.authSecret) };
    const attempts: [Record<string, string> | string, Record<string, unknown>, string][] = [
      [asPlatform, { name: '自己给自己发钥匙', regionCode: '990100', scopes: ['STATS_READ'] }, 'FORBIDDEN'],
      [await system.login('city.leader'), { name: '领导越权', regionCode: '990100', scopes: ['STATS_READ'] }, 'FORBIDDEN'],
      [await system.login('admin'), { name: '系统管理员不管密钥', regionCode: '990100', scopes: ['STATS_READ'] }, 'FORBIDDEN'],
      [security, { name: '管理员密钥', regionCode: '990100', scopes: ['ORG_ADMIN'] }, 'BAD_USER_INPUT'],
      [security, { name: '系统密钥', regionCode: '990100', scopes: ['SYSTEM_ADMIN'] }, 'BAD_USER_INPUT'],
      [security, { name: '外省密钥', regionCode: '330100', scopes: ['STATS_READ'] }, 'FORBIDDEN'],
    ];
    for (const [auth, input, code] of attempts) {
      expect((await system.query(CREATE_KEY, { input }, auth)).errors?.[0].extensions.code, input.name as string).toBe(code);
    }
  });

  it('keeps the key lookup out of the gateway API, and every subgraph closed to unsigned callers', async () => {
    const hash = hashApiKey(demoApiKey(system.config.authSecret));
    const lookup = `{ apiKeyBySecretHash(secretHash: "${hash}") { id regionCode } }`;
    const viaGateway = await system.query(lookup, {}, security);
    expect(viaGateway.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(viaGateway)).not.toContain('990100');
    const fields = await system.query('{ __type(name: "Query") { fields { name } } }', {}, security);
    expect(fields.data.__type.fields.map((f: { name: string }) => f.name)).not.toContain('apiKeyBySecretHash');

    // Straight to each subgraph: no signature, or a user's own session token in its place.
    for (const subgraph of system.subgraphs) {
      const forged: Record<string, string>[] = [{}, { [GATEWAY_AUTH_HEADER]: security }, { [GATEWAY_AUTH_HEADER]: unsigned({ iss: 'bizenv', aud: 'bizenv-subgraph', sub: 'x', anonymous: true, exp: inFiveMinutes() }) }];
      for (const headers of forged) {
        const response = await fetch(subgraph.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: subgraph.name === 'organization' ? lookup : '{ __typename }' }),
        });
        expect(response.status, `${subgraph.name} ${JSON.stringify(headers).slice(0, 40)}`).toBe(401);
        expect(await response.text()).not.toContain('990100');
      }
    }
  });

  it('authenticates subscriptions the same way: platform tokens and API keys work, bad ones close with 4403', async () => {
    const { key } = (await system.query(CREATE_KEY, { input: { name: '大屏接口', regionCode: '990102', scopes: ['STATS_READ'] } }, security)).data.createApiKey;
    for (const params of [{ authorization: `Bearer ${await idp.sign(linjiangLeader)}` }, { [API_KEY_HEADER]: key }]) {
      const outcome = await connectionOutcome(system, params);
      expect(outcome.frame?.errors, JSON.stringify(params).slice(0, 30)).toBeUndefined();
      expect(outcome.frame?.data.regionStats.code).toBe('990102');
    }
    const forbidden = await connectionOutcome(system, { [API_KEY_HEADER]: key }, '990100');
    expect(forbidden.frame?.errors?.[0].extensions.code).toBe('FORBIDDEN');

    const expiredSession = await signSessionToken({ id: 'u1', name: '市领导', roles: [Role.LEADER], regionCode: '990100' }, system.config.authSecret, '1 minute ago');
    for (const params of [
      { authorization: `Bearer ${expiredSession}` },
      { authorization: `Bearer ${await idp.sign(linjiangLeader, { key: await idp.untrustedKey() })}` },
      { authorization: `Bearer ${unsigned({ ...linjiangLeader, iss: idp.issuer, aud: idp.audience, exp: inFiveMinutes() })}` },
      { [API_KEY_HEADER]: generateApiKey() },
      { authorization: `Bearer ${security}`, [API_KEY_HEADER]: key },
    ]) {
      expect((await connectionOutcome(system, params)).closed, JSON.stringify(params).slice(0, 40)).toBe(4403);
    }
  });
});
