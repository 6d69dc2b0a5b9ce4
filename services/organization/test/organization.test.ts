import { Role, verifySessionToken, type Caller } from '@bizenv/common/auth';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/seed.js';
import { organizationSubgraph } from '../src/subgraph.js';

const AUTH_SECRET = new TextEncoder().encode('organization-test-auth-secret-0123456789');
const cityLeader: Caller = { id: 'c', name: '市领导', roles: [Role.LEADER], regionCode: '990100' };
const linjiangLeader: Caller = { id: 'l', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token viewer { name roles regionCode } } }`;

describe.each(await databaseTargets())('organization subgraph on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(organizationSubgraph({ authSecret: AUTH_SECRET, production: false }), target, [], true);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  it('serves the demo city tree: districts and parks under the city, towns under each', async () => {
    const result = await callSubgraph(subgraph.url, cityLeader, '{ region(code: "990100") { name level children { code level children { code level } } } }');
    const city = result.data.region;
    expect(city).toMatchObject({ name: '江湾市', level: 'CITY' });
    expect(city.children.map((c: { level: string }) => c.level).sort()).toEqual(['DISTRICT', 'DISTRICT', 'DISTRICT', 'DISTRICT', 'PARK', 'PARK']);
    for (const district of city.children) {
      expect(district.children.length).toBeGreaterThanOrEqual(4);
      expect(district.children.every((t: { code: string; level: string }) => t.code.startsWith(district.code) && t.level === 'TOWN')).toBe(true);
    }
  });

  it('signs in with a slow-hashed password and issues a verifiable token', async () => {
    const result = await callSubgraph(subgraph.url, null, LOGIN, { u: 'linjiang.leader', p: DEMO_PASSWORD });
    expect(result.data.login.viewer).toEqual({ name: '临江区领导', roles: ['LEADER'], regionCode: '990102' });
    const caller = await verifySessionToken(result.data.login.token, AUTH_SECRET);
    expect(caller).toMatchObject({ roles: [Role.LEADER], regionCode: '990102' });
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    const wrong = await callSubgraph(subgraph.url, null, LOGIN, { u: 'linjiang.leader', p: 'wrong' });
    const unknown = await callSubgraph(subgraph.url, null, LOGIN, { u: 'nobody', p: DEMO_PASSWORD });
    expect(wrong.errors?.[0]).toMatchObject({ message: '用户名或密码错误', extensions: { code: 'UNAUTHENTICATED' } });
    expect(unknown.errors?.[0].message).toBe(wrong.errors?.[0].message);
  });

  it('shows a district leader their subtree and nothing above or beside it', async () => {
    const own = await callSubgraph(subgraph.url, linjiangLeader, '{ region(code: "990102") { name parent { code } } regions(filter: { level: DISTRICT }) { edges { node { code } } } }');
    expect(own.data.region).toEqual({ name: '临江区', parent: null });
    expect(own.data.regions.edges).toEqual([{ node: { code: '990102' } }]);
    for (const query of ['{ region(code: "990100") { name } }', '{ region(code: "990103001") { name } }', '{ regions(filter: { parentCode: "990100" }) { totalCount } }']) {
      const result = await callSubgraph(subgraph.url, linjiangLeader, query);
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const entities = await callSubgraph(subgraph.url, linjiangLeader, '{ _entities(representations: [{ __typename: "Region", code: "990103" }]) { ... on Region { name } } }');
    expect(entities.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(entities.data)).not.toContain('城南区');
  });

  it('requires sign-in for everything but signing in', async () => {
    const result = await callSubgraph(subgraph.url, null, '{ region(code: "990100") { name } }');
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a request without the gateway signature, and one signed with another key', async () => {
    const unsigned = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(unsigned.status).toBe(401);
    const forged = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gateway-auth': 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
      body: '{"query":"{ __typename }"}',
    });
    expect(forged.status).toBe(401);
  });
});
