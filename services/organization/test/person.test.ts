import { Permission, permissionsOf, Role, verifySessionToken, type Caller } from '@bizenv/common/auth';
import { isWithin } from '@bizenv/common/region-code';
import { stableId } from '@bizenv/common/stable-id';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, demoPersonId } from '../src/person/demo-people.js';
import { Person } from '../src/person/person.entity.js';
import { DEMO_PASSWORD } from '../src/seed.js';
import { organizationSubgraph } from '../src/subgraph.js';

const AUTH_SECRET = new TextEncoder().encode('organization-test-auth-secret-0123456789');
const cityAdmin: Caller = { id: demoPersonId('admin'), name: '系统管理员', roles: [Role.ADMIN], regionCode: '990100' };
const linjiangAdmin: Caller = { id: 'la', name: '临江区管理员', roles: [Role.ADMIN], regionCode: '990102' };
const citySecurity: Caller = { id: demoPersonId('security'), name: '安全管理员', roles: [Role.SECURITY_ADMIN], regionCode: '990100' };
const linjiangSecurity: Caller = { id: 'ls', name: '临江区安全管理员', roles: [Role.SECURITY_ADMIN], regionCode: '990102' };
/** An API key with the org:admin scope: may keep people's records, but grant no role. */
const orgAdminKey: Caller = { id: 'key', name: '人事系统', roles: [Role.INTEGRATOR], regionCode: '990100', permissions: [Permission.ORG_READ, Permission.ORG_ADMIN] };
const cityLeader: Caller = { id: 'c', name: '市领导', roles: [Role.LEADER], regionCode: '990100' };
const linjiangLeader: Caller = { id: 'l', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };
const screen: Caller = { id: 's', name: '大屏', roles: [Role.SCREEN], regionCode: '990100' };

const FIELDS = 'id name title roles hasAccount username unit { id name } region { code }';
const PEOPLE = `query($filter: PersonFilter, $first: Int, $after: String) {
  people(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name region { code } } } }
}`;
const PERSON = `query($id: ID!) { person(id: $id) { ${FIELDS} } }`;
const CREATE = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { ${FIELDS} } }`;
const SET_ACCOUNT = `mutation($id: ID!, $u: String!, $p: String!) { setPersonAccount(personId: $id, username: $u, password: $p) { ${FIELDS} } }`;
const DISABLE = `mutation($id: ID!) { disablePersonAccount(personId: $id) { ${FIELDS} } }`;
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token viewer { id name roles regionCode permissions } } }`;

const linjiangMarket = stableId('990102-market');
const chengnanMarket = stableId('990103-market');
const qingshanMarket = stableId('990121-market');

describe.each(await databaseTargets())('people on $name', ({ create }) => {
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

  const call = (caller: Caller | null, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  const stored = (id: string) => subgraph.dataSource.getRepository(Person).findOneBy({ id });
  const countNamed = (name: string) => subgraph.dataSource.getRepository(Person).countBy({ name });

  async function refusal(caller: Caller | null, query: string, variables: Record<string, unknown> = {}) {
    const result = await call(caller, query, variables);
    expect(result.errors, JSON.stringify(result.data)).toBeDefined();
    return { message: result.errors![0].message, ...result.errors![0].extensions };
  }

  async function walk(caller: Caller, filter: Record<string, unknown>, first: number) {
    const nodes: { id: string; name: string; region: { code: string } }[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const result = await call(caller, PEOPLE, { filter, first, after });
      expect(result.errors).toBeUndefined();
      const page = result.data.people;
      expect(page.edges.length).toBeLessThanOrEqual(first);
      nodes.push(...page.edges.map((e: { node: (typeof nodes)[number] }) => e.node));
      if (!page.pageInfo.hasNextPage) return { nodes, ids: nodes.map((n) => n.id), totalCount: page.totalCount as number };
      after = page.pageInfo.endCursor;
    }
    throw new Error('pagination did not end');
  }

  const demoIdsWhere = (keep: (p: (typeof DEMO_PEOPLE)[number]) => boolean) => DEMO_PEOPLE.filter(keep).map((p) => demoPersonId(p.key)).sort();

  it('pages through a subtree by region and name, every person once, the total counting the filter', async () => {
    const linjiang = await walk(cityLeader, { regionCode: '990102' }, 2);
    expect(linjiang.ids.length).toBe(linjiang.totalCount);
    expect(new Set(linjiang.ids).size).toBe(linjiang.ids.length);
    expect([...linjiang.ids].sort()).toEqual(demoIdsWhere((p) => isWithin(p.regionCode, '990102')));
    const regions = linjiang.nodes.map((n) => n.region.code);
    expect(regions).toEqual([...regions].sort());

    const everyone = await walk(cityLeader, {}, 7);
    expect(everyone.totalCount).toBe(DEMO_PEOPLE.length);
    expect(new Set(everyone.ids).size).toBe(DEMO_PEOPLE.length);
  });

  it('filters by unit, by role and by name, taking % and _ literally', async () => {
    const byUnit = await walk(cityLeader, { unitId: stableId('990102-gov-data') }, 10);
    expect([...byUnit.ids].sort()).toEqual(demoIdsWhere((p) => p.unitKey === '990102-gov-data'));
    const ambassadors = await walk(cityLeader, { role: 'SERVICE_AMBASSADOR' }, 10);
    expect([...ambassadors.ids].sort()).toEqual(demoIdsWhere((p) => p.roles.includes(Role.SERVICE_AMBASSADOR)));
    expect(ambassadors.totalCount).toBe(3);
    const named = await walk(cityLeader, { nameContains: '服务大使' }, 10);
    expect(named.totalCount).toBe(3);
    for (const wildcard of ['%', '_', '服务_使']) expect((await walk(cityLeader, { nameContains: wildcard }, 10)).totalCount).toBe(0);
  });

  it('shows a district leader their district only: lists, totals, ids and entity references', async () => {
    const own = await walk(linjiangLeader, {}, 50);
    expect([...own.ids].sort()).toEqual(demoIdsWhere((p) => isWithin(p.regionCode, '990102')));
    expect(own.totalCount).toBe(own.ids.length);
    expect(await refusal(linjiangLeader, PEOPLE, { filter: { regionCode: '990103' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(linjiangLeader, PEOPLE, { filter: { regionCode: '990100' } })).toMatchObject({ code: 'FORBIDDEN' });
    const other = demoPersonId('chengnan.leader');
    expect(await refusal(linjiangLeader, PERSON, { id: other })).toMatchObject({ code: 'FORBIDDEN' });
    const entities = await call(linjiangLeader, `{ _entities(representations: [{ __typename: "Person", id: "${other}" }]) { ... on Person { name } } }`);
    expect(entities.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(entities.data)).not.toContain('城南区');
    const mine = await call(linjiangLeader, `{ _entities(representations: [{ __typename: "Person", id: "${demoPersonId('handler')}" }]) { ... on Person { name unit { name } } } }`);
    expect(mine.data._entities).toEqual([{ name: '临江区市场监管局承办人', unit: { name: '临江区市场监督管理局' } }]);
  });

  it('needs org:read: a wall screen reads no people; nobody signed out does', async () => {
    expect(await refusal(screen, PEOPLE)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(screen, PERSON, { id: demoPersonId('handler') })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(null, PEOPLE)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('never shows a password hash, and the username to administrators of the region only', async () => {
    const asLeader = await call(cityLeader, PERSON, { id: demoPersonId('handler') });
    expect(asLeader.data.person).toMatchObject({ title: '登记注册科科员', roles: ['UNIT_HANDLER'], hasAccount: true, username: null, region: { code: '990102' } });
    const asAdmin = await call(linjiangAdmin, PERSON, { id: demoPersonId('handler') });
    expect(asAdmin.data.person.username).toBe('handler');
    const hash = await call(cityAdmin, `{ person(id: "${demoPersonId('handler')}") { passwordHash } }`);
    expect(hash.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('signs in every seeded account, with its permissions on the viewer and in the token', async () => {
    for (const person of DEMO_PEOPLE.filter((p) => p.account)) {
      const result = await call(null, LOGIN, { u: person.key, p: DEMO_PASSWORD });
      expect(result.errors, person.key).toBeUndefined();
      const caller: Caller = { id: demoPersonId(person.key), name: person.name, roles: person.roles, regionCode: person.regionCode };
      const permissions = [...permissionsOf(caller)].sort();
      expect(result.data.login.viewer).toEqual({ ...caller, permissions });
      const token = await verifySessionToken(result.data.login.token, AUTH_SECRET);
      expect(token).toMatchObject({ id: caller.id, regionCode: person.regionCode, roles: person.roles });
      expect([...(token.permissions ?? [])].sort()).toEqual(permissions);
    }
    const mixedCase = await call(null, LOGIN, { u: ' Handler.Tax ', p: DEMO_PASSWORD });
    expect(mixedCase.data.login.viewer.name).toBe('市税务局承办人');
    const viewer = await call(cityLeader, '{ viewer { name permissions } }');
    expect(viewer.data.viewer).toEqual({ name: '市领导', permissions: [...permissionsOf(cityLeader)].sort() });
  });

  it('creates a person in the caller region with title, unit and roles, found by every filter', async () => {
    const result = await call(linjiangSecurity, CREATE, {
      input: { name: '临江区营商专员', title: '营商环境专员', unitId: linjiangMarket, regionCode: '990102003', roles: ['LEADER', 'SERVICE_AMBASSADOR'] },
    });
    expect(result.errors).toBeUndefined();
    const person = result.data.createPerson;
    expect(person).toMatchObject({ title: '营商环境专员', roles: ['LEADER', 'SERVICE_AMBASSADOR'], hasAccount: false, username: null, unit: { id: linjiangMarket }, region: { code: '990102003' } });
    for (const role of ['LEADER', 'SERVICE_AMBASSADOR']) expect((await walk(cityLeader, { role }, 50)).ids).toContain(person.id);
    expect((await walk(cityLeader, { role: 'SUPERVISOR' }, 50)).ids).not.toContain(person.id);
    expect((await walk(linjiangLeader, { nameContains: '营商专员' }, 5)).ids).toEqual([person.id]);
  });

  it('refuses a bad person with a clear error and stores nothing', async () => {
    const before = await subgraph.dataSource.getRepository(Person).count();
    const base = { name: '不应保存的人员', regionCode: '990121', roles: [] as string[] };
    const cases: [Caller, Record<string, unknown>, string, RegExp][] = [
      [cityAdmin, { unitId: stableId('no-such-unit') }, 'NOT_FOUND', /未找到该单位/],
      [cityAdmin, { unitId: chengnanMarket }, 'BAD_USER_INPUT', /城南区市场监督管理局.*不属于该区域/],
      [cityAdmin, { regionCode: '990121099' }, 'NOT_FOUND', /未找到该行政区划/],
      [cityAdmin, { regionCode: '99012' }, 'BAD_USER_INPUT', /行政区划代码/],
      [citySecurity, { roles: ['UNIT_HANDLER'] }, 'BAD_USER_INPUT', /承办人须指定所在单位/],
      [citySecurity, { roles: ['INTEGRATOR'] }, 'BAD_USER_INPUT', /接口密钥/],
      [citySecurity, { roles: ['ADMIN', 'AUDITOR'] }, 'BAD_USER_INPUT', /不能兼任/],
      [citySecurity, { roles: ['SECURITY_ADMIN', 'AUDITOR', 'LEADER'] }, 'BAD_USER_INPUT', /不能兼任/],
      [cityAdmin, { roles: ['LEADER'] }, 'FORBIDDEN', /只有安全管理员/],
      [linjiangSecurity, { roles: ['LEADER'] }, 'FORBIDDEN', /无权/],
      [cityAdmin, { name: '   ' }, 'BAD_USER_INPUT', /姓名不能为空/],
      [cityAdmin, { title: 'x'.repeat(65) }, 'BAD_USER_INPUT', /职务不能超过64个字/],
      [orgAdminKey, { roles: ['ADMIN'] }, 'FORBIDDEN', /只有安全管理员/],
      [linjiangAdmin, {}, 'FORBIDDEN', /无权/],
      [cityLeader, {}, 'FORBIDDEN', /无权/],
    ];
    for (const [caller, change, code, message] of cases) {
      const error = await refusal(caller, CREATE, { input: { ...base, ...change } });
      expect(error, JSON.stringify(change)).toMatchObject({ code });
      expect(error.message).toMatch(message);
    }
    expect(await countNamed('不应保存的人员')).toBe(0);
    expect(await subgraph.dataSource.getRepository(Person).count()).toBe(before);
  });

  it('separates the three administrators: only a security administrator grants roles, never their own, never two of the three', async () => {
    const admin = await call(linjiangSecurity, CREATE, { input: { name: '临江区副管理员', regionCode: '990102', roles: ['ADMIN'] } });
    expect(admin.data.createPerson.roles).toEqual(['ADMIN']);
    const id = admin.data.createPerson.id;
    // the system administrator neither edits another administrator nor opens their account
    for (const caller of [cityAdmin, orgAdminKey]) {
      expect(await refusal(caller, UPDATE, { input: { id, title: '改不了' } })).toMatchObject({ code: 'FORBIDDEN' });
      expect(await refusal(caller, SET_ACCOUNT, { id, u: 'taken.over', p: 'Takeover2026x' })).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await stored(id)).toMatchObject({ title: null, username: null, passwordHash: null });
    // …nor grants anything, to others or to themselves
    const plain = await call(orgAdminKey, CREATE, { input: { name: '接口新建人员', regionCode: '990121', roles: [] } });
    expect(plain.errors).toBeUndefined();
    expect(await refusal(cityAdmin, UPDATE, { input: { id: plain.data.createPerson.id, roles: ['SUPERVISOR'] } })).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/只有安全管理员/) });
    expect(await refusal(cityAdmin, UPDATE, { input: { id: cityAdmin.id, roles: ['ADMIN', 'DISCIPLINE_INSPECTOR'] } })).toMatchObject({ code: 'FORBIDDEN' });
    expect((await stored(cityAdmin.id))!.roles).toEqual(['ADMIN']);
    // …nor resets an inspector's password
    const inspector = demoPersonId('inspector');
    const before = await stored(inspector);
    expect(await refusal(cityAdmin, SET_ACCOUNT, { id: inspector, u: 'inspector', p: 'Takeover2026x' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(cityAdmin, DISABLE, { id: inspector })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await stored(inspector)).toEqual(before);

    // the security administrator grants, but not to themselves, and never two of the three
    const granted = await call(citySecurity, UPDATE, { input: { id: plain.data.createPerson.id, roles: ['SUPERVISOR', 'AUDITOR'] } });
    expect(granted.data.updatePerson.roles).toEqual(['SUPERVISOR', 'AUDITOR']);
    expect(await refusal(citySecurity, UPDATE, { input: { id: plain.data.createPerson.id, roles: ['AUDITOR', 'ADMIN'] } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'roles' });
    expect(await refusal(citySecurity, UPDATE, { input: { id: citySecurity.id, roles: ['SECURITY_ADMIN', 'HOTLINE_OPERATOR'] } })).toMatchObject({
      code: 'FORBIDDEN',
      message: '不能给自己授予或撤销角色',
    });
    expect(await refusal(citySecurity, UPDATE, { input: { id: citySecurity.id, roles: [] } })).toMatchObject({ code: 'FORBIDDEN' });
    expect((await stored(citySecurity.id))!.roles).toEqual(['SECURITY_ADMIN']);
    // a security administrator's own record (not their roles) is theirs to keep
    expect((await call(citySecurity, UPDATE, { input: { id: citySecurity.id, title: '网络安全管理员' } })).data.updatePerson.title).toBe('网络安全管理员');
  });

  it('updates only what it is given, clears with null, and refuses a bad change leaving the row as it was', async () => {
    const created = await call(citySecurity, CREATE, { input: { name: '青山县承办人', title: '科员', unitId: qingshanMarket, regionCode: '990121', roles: ['UNIT_HANDLER'] } });
    const id = created.data.createPerson.id;
    const renamed = await call(citySecurity, UPDATE, { input: { id, title: '副科长', roles: ['UNIT_HANDLER', 'SUPERVISOR'] } });
    expect(renamed.data.updatePerson).toMatchObject({ name: '青山县承办人', title: '副科长', roles: ['UNIT_HANDLER', 'SUPERVISOR'], unit: { id: qingshanMarket } });
    const before = await stored(id);
    const cases: [Caller, Record<string, unknown>, string][] = [
      [cityAdmin, { unitId: null }, 'BAD_USER_INPUT'],
      [cityAdmin, { unitId: linjiangMarket, title: '不应保存' }, 'BAD_USER_INPUT'],
      [cityAdmin, { regionCode: '990102', title: '不应保存' }, 'BAD_USER_INPUT'],
      [cityAdmin, { name: null }, 'BAD_USER_INPUT'],
      [linjiangAdmin, { title: '不应保存' }, 'FORBIDDEN'],
      [cityAdmin, { roles: ['INTEGRATOR'] }, 'BAD_USER_INPUT'],
    ];
    for (const [caller, change, code] of cases) expect(await refusal(caller, UPDATE, { input: { id, ...change } }), JSON.stringify(change)).toMatchObject({ code });
    expect(await stored(id)).toEqual(before);
    expect(await refusal(cityAdmin, UPDATE, { input: { id: stableId('nobody'), title: 'x' } })).toMatchObject({ code: 'NOT_FOUND' });

    const moved = await call(cityAdmin, UPDATE, { input: { id, regionCode: '990121001', title: null, unitId: qingshanMarket } });
    expect(moved.data.updatePerson).toMatchObject({ title: null, region: { code: '990121001' } });
  });

  it('keeps a group member inside the group region when moving them', async () => {
    const handler = demoPersonId('handler');
    const error = await refusal(cityAdmin, UPDATE, { input: { id: handler, regionCode: '990103', unitId: chengnanMarket } });
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    expect(error.message).toContain('临江区优化营商环境工作领导小组');
    expect(await stored(handler)).toMatchObject({ regionCode: '990102', unitId: linjiangMarket });
    expect(await refusal(linjiangAdmin, UPDATE, { input: { id: handler, regionCode: '990103' } })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('opens, refuses, disables and re-opens an account', async () => {
    const created = await call(citySecurity, CREATE, { input: { name: '青山县服务大使', title: '县级服务大使', regionCode: '990121', roles: ['SERVICE_AMBASSADOR'] } });
    const id = created.data.createPerson.id;
    const refused: [Record<string, unknown>, string, RegExp][] = [
      [{ p: 'Short1x' }, 'BAD_USER_INPUT', /至少|10到128位/],
      [{ p: 'onlyletterspassword' }, 'BAD_USER_INPUT', /字母和数字/],
      [{ p: '12345678901234' }, 'BAD_USER_INPUT', /字母和数字/],
      [{ u: 'ab' }, 'BAD_USER_INPUT', /用户名/],
      [{ u: '9lives' }, 'BAD_USER_INPUT', /用户名/],
      [{ u: 'has space' }, 'BAD_USER_INPUT', /用户名/],
      [{ u: 'handler' }, 'CONFLICT', /已被使用/],
      [{ u: 'HANDLER' }, 'CONFLICT', /已被使用/],
    ];
    for (const [change, code, message] of refused) {
      const error = await refusal(citySecurity, SET_ACCOUNT, { id, u: 'qingshan.ambassador', p: 'Qingshan2026', ...change });
      expect(error, JSON.stringify(change)).toMatchObject({ code });
      expect(error.message).toMatch(message);
    }
    expect(await stored(id)).toMatchObject({ username: null, passwordHash: null });
    expect(await refusal(citySecurity, DISABLE, { id })).toMatchObject({ code: 'BAD_USER_INPUT' });
    for (const caller of [cityLeader, cityAdmin, linjiangSecurity]) {
      expect(await refusal(caller, SET_ACCOUNT, { id, u: 'qingshan.ambassador', p: 'Qingshan2026' })).toMatchObject({ code: 'FORBIDDEN' });
    }

    const opened = await call(citySecurity, SET_ACCOUNT, { id, u: 'Qingshan.Ambassador', p: 'Qingshan2026' });
    expect(opened.data.setPersonAccount).toMatchObject({ hasAccount: true, username: 'qingshan.ambassador' });
    expect((await stored(id))!.passwordHash).toMatch(/^scrypt\$/);
    const signedIn = await call(null, LOGIN, { u: 'qingshan.ambassador', p: 'Qingshan2026' });
    expect(signedIn.data.login.viewer).toMatchObject({ id, roles: ['SERVICE_AMBASSADOR'], regionCode: '990121' });

    const disabled = await call(citySecurity, DISABLE, { id });
    expect(disabled.data.disablePersonAccount).toMatchObject({ hasAccount: false, username: 'qingshan.ambassador' });
    const wrongPassword = await refusal(null, LOGIN, { u: 'handler', p: 'not-the-password' });
    expect(await refusal(null, LOGIN, { u: 'qingshan.ambassador', p: 'Qingshan2026' })).toEqual(wrongPassword);

    const other = await call(cityAdmin, CREATE, { input: { name: '另一位大使', regionCode: '990121', roles: [] } });
    expect(await refusal(citySecurity, SET_ACCOUNT, { id: other.data.createPerson.id, u: 'qingshan.ambassador', p: 'Another2026x' })).toMatchObject({ code: 'CONFLICT' });

    await call(citySecurity, SET_ACCOUNT, { id, u: 'qingshan.ambassador', p: 'Renewed2026x' });
    expect((await call(null, LOGIN, { u: 'qingshan.ambassador', p: 'Renewed2026x' })).data.login.viewer.id).toBe(id);
    expect(await refusal(null, LOGIN, { u: 'qingshan.ambassador', p: 'Qingshan2026' })).toEqual(wrongPassword);
  });
});
