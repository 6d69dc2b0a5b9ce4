import { Permission, Role, type Caller } from '@bizenv/common/auth';
import { DEMO_UNITS } from '@bizenv/common/demo-city';
import { stableId } from '@bizenv/common/stable-id';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph } from '@bizenv/common/testing';
import { Like } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizationSubgraph } from '../src/subgraph.js';
import { Unit } from '../src/unit/unit.entity.js';

const AUTH_SECRET = new TextEncoder().encode('organization-test-auth-secret-0123456789');
const cityLeader: Caller = { id: 'c', name: '市领导', roles: [Role.LEADER], regionCode: '990100' };
const linjiangLeader: Caller = { id: 'l', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };
const screen: Caller = { id: 's', name: '大屏', roles: [Role.SCREEN], regionCode: '990100' };
const complaintsOnly: Caller = { id: 'i', name: '12345平台', roles: [Role.INTEGRATOR], regionCode: '990100', permissions: [Permission.COMPLAINT_READ] };
const cityAdmin: Caller = { id: 'a', name: '管理员', roles: [Role.ADMIN], regionCode: '990100' };
const linjiangAdmin: Caller = { id: 'la', name: '临江区管理员', roles: [Role.LEADER], regionCode: '990102', permissions: [Permission.ORG_READ, Permission.ORG_ADMIN] };

const UNITS = `query($filter: UnitFilter, $first: Int, $after: String) {
  units(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name kind category region { code } } } }
}`;
const UNIT = `query($id: ID!) { unit(id: $id) { name kind category region { code } } }`;
const CREATE = `mutation($input: CreateUnitInput!) { createUnit(input: $input) { id name kind category region { code } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateUnitInput!) { updateUnit(id: $id, input: $input) { id name kind category region { code } } }`;

const marketLinjiang = stableId('990102-market');
const cityTax = stableId('city-tax');

describe.each(await databaseTargets())('units on $name', ({ create }) => {
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
  const units = () => subgraph.dataSource.getRepository(Unit);

  async function refusal(caller: Caller | null, query: string, variables: Record<string, unknown> = {}) {
    const result = await call(caller, query, variables);
    expect(result.errors, JSON.stringify(result.data)).toBeDefined();
    return result.errors![0].extensions;
  }

  async function walk(caller: Caller, filter: Record<string, unknown>, first: number) {
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 1000; pages++) {
      const result = await call(caller, UNITS, { filter, first, after });
      expect(result.errors).toBeUndefined();
      const page = result.data.units;
      ids.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasNextPage) return { ids, totalCount: page.totalCount as number };
      after = page.pageInfo.endCursor;
    }
    throw new Error('pagination did not end');
  }

  const names = (result: { data?: any }): string[] => result.data.units.edges.map((e: { node: { name: string } }) => e.node.name);

  it('gives every demo unit its category: key departments first, stationed units and utilities second', async () => {
    const tax = await call(cityLeader, UNIT, { id: cityTax });
    expect(tax.data.unit).toEqual({ name: '国家税务总局江湾市税务局', kind: 'STATIONED', category: 'SECOND', region: { code: '990100' } });
    expect((await call(cityLeader, UNIT, { id: marketLinjiang })).data.unit.category).toBe('FIRST');
    for (const category of ['FIRST', 'SECOND'] as const) {
      const { totalCount } = await walk(cityLeader, { category }, 100);
      expect(totalCount, category).toBe(DEMO_UNITS.filter((u) => u.category === category).length);
    }
    expect((await units().findOneBy({ id: stableId('city-bizenv-office') }))?.category).toBeNull();
  });

  it('pages through the city in (region, name, id) order without duplicates or gaps', async () => {
    const expected = await units().find({ where: { regionCode: Like('9901%') }, order: { regionCode: 'ASC', name: 'ASC', id: 'ASC' } });
    const { ids, totalCount } = await walk(cityLeader, {}, 4);
    expect(ids).toEqual(expected.map((u) => u.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(totalCount).toBe(expected.length);
    expect(await refusal(cityLeader, UNITS, { first: 101 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await refusal(cityLeader, UNITS, { after: Buffer.from('["990100"]').toString('base64url') })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('filters by region subtree, kind, category and name', async () => {
    const chengnan = await call(cityLeader, UNITS, { filter: { regionCode: '990103', kind: 'DISTRICT_DEPARTMENT', category: 'FIRST' } });
    expect(chengnan.data.units.totalCount).toBe(3);
    expect(chengnan.data.units.edges.every((e: { node: { region: { code: string } } }) => e.node.region.code === '990103')).toBe(true);
    const market = await call(cityLeader, UNITS, { filter: { nameContains: '市场监督' }, first: 100 });
    expect(market.data.units.totalCount).toBe(DEMO_UNITS.filter((u) => u.name.includes('市场监督')).length);
    const utilities = await call(cityLeader, UNITS, { filter: { kind: 'UTILITY' } });
    expect(names(utilities)).toEqual(['江湾供电公司']);
  });

  it('matches %, _ and the escape character in a name literally', async () => {
    for (const name of ['测试%单位', '测试_单位', '测试!单位', '测试X单位']) {
      expect((await call(cityAdmin, CREATE, { input: { name, kind: 'TOWN', regionCode: '990104001' } })).errors).toBeUndefined();
    }
    const search = async (nameContains: string) => names(await call(cityLeader, UNITS, { filter: { regionCode: '990104001', nameContains } }));
    expect(await search('%')).toEqual(['测试%单位']);
    expect(await search('_')).toEqual(['测试_单位']);
    expect(await search('!')).toEqual(['测试!单位']);
    expect((await search('测试')).sort()).toEqual(['测试!单位', '测试%单位', '测试X单位', '测试_单位']);
    expect(await refusal(cityLeader, UNITS, { filter: { nameContains: ' ' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.nameContains' });
    expect(await refusal(cityLeader, UNITS, { filter: { regionCode: '9901' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCode' });
  });

  it("lists a district's units only to callers whose scope covers it", async () => {
    const own = await walk(linjiangLeader, {}, 2);
    expect(own.totalCount).toBe(await units().countBy({ regionCode: Like('990102%') }));
    expect(own.ids).toHaveLength(own.totalCount);
    for (const regionCode of ['990103', '990100']) {
      const result = await call(linjiangLeader, UNITS, { filter: { regionCode } });
      expect(result.errors?.[0].extensions?.code, regionCode).toBe('FORBIDDEN');
      expect(result.data).toBeNull();
    }
    expect(await refusal(complaintsOnly, UNITS)).toMatchObject({ code: 'FORBIDDEN' });
    const ranking = await call(screen, UNITS, { filter: { kind: 'DISTRICT_DEPARTMENT' }, first: 100 });
    expect(ranking.data.units.totalCount).toBe(DEMO_UNITS.filter((u) => u.kind === 'DISTRICT_DEPARTMENT').length);
  });

  it('shows any signed-in caller who a unit is, but not a region outside their scope', async () => {
    const cityUnit = await call(linjiangLeader, UNIT, { id: cityTax });
    expect(cityUnit.errors).toBeUndefined();
    expect(cityUnit.data.unit).toMatchObject({ name: '国家税务总局江湾市税务局', region: null });
    const entity = await call(complaintsOnly, `{ _entities(representations: [{ __typename: "Unit", id: "${marketLinjiang}" }]) { ... on Unit { name } } }`);
    expect(entity.data._entities).toEqual([{ name: '临江区市场监督管理局' }]);
    expect(await refusal(null, UNIT, { id: cityTax })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('creates a unit in a region in scope, with a name unique within that region', async () => {
    const created = await call(linjiangAdmin, CREATE, { input: { name: ' 临江区商务局 ', kind: 'DISTRICT_DEPARTMENT', category: 'FIRST', regionCode: '990102' } });
    expect(created.data.createUnit).toMatchObject({ name: '临江区商务局', kind: 'DISTRICT_DEPARTMENT', category: 'FIRST', region: { code: '990102' } });
    expect(await units().findOneBy({ id: created.data.createUnit.id })).toMatchObject({ name: '临江区商务局', regionCode: '990102' });
    // the same name is fine in another region
    const uncategorised = await call(cityAdmin, CREATE, { input: { name: '临江区商务局', kind: 'STATIONED', regionCode: '990103' } });
    expect(uncategorised.data.createUnit.category).toBeNull();
  });

  const invalid: [string, Caller, Record<string, unknown>, Record<string, unknown>][] = [
    ['a name taken in the region', cityAdmin, { name: '临江区市场监督管理局', kind: 'DISTRICT_DEPARTMENT', regionCode: '990102' }, { code: 'CONFLICT', field: 'name' }],
    ['an empty name', cityAdmin, { name: ' ', kind: 'TOWN', regionCode: '990102' }, { code: 'BAD_USER_INPUT', field: 'name' }],
    ['a name of 129 characters', cityAdmin, { name: '局'.repeat(129), kind: 'TOWN', regionCode: '990102' }, { code: 'BAD_USER_INPUT', field: 'name' }],
    ['a malformed region', cityAdmin, { name: '无区划单位', kind: 'TOWN', regionCode: '99010' }, { code: 'BAD_USER_INPUT', field: 'regionCode' }],
    ['a region that does not exist', cityAdmin, { name: '无区划单位', kind: 'TOWN', regionCode: '990109' }, { code: 'NOT_FOUND', field: 'regionCode' }],
    ['a region outside the district', linjiangAdmin, { name: '越权单位', kind: 'TOWN', regionCode: '990103001' }, { code: 'FORBIDDEN' }],
    ['a caller without org:admin', screen, { name: '大屏单位', kind: 'TOWN', regionCode: '990102' }, { code: 'FORBIDDEN' }],
    ['a leader (read only)', cityLeader, { name: '领导单位', kind: 'TOWN', regionCode: '990102' }, { code: 'FORBIDDEN' }],
  ];

  it.each(invalid)('refuses to create a unit with %s and stores nothing', async (_, caller, input, expected) => {
    const before = await units().count();
    expect(await refusal(caller, CREATE, { input })).toMatchObject(expected);
    expect(await units().count()).toBe(before);
  });

  it('updates only the fields given, and clears the category with null', async () => {
    const created = await call(cityAdmin, CREATE, { input: { name: '临江区文旅局', kind: 'DISTRICT_DEPARTMENT', category: 'SECOND', regionCode: '990102' } });
    const unit = created.data.createUnit as { id: string };
    const renamed = await call(linjiangAdmin, UPDATE, { id: unit.id, input: { name: '临江区文化广电旅游体育局' } });
    expect(renamed.data.updateUnit).toMatchObject({ name: '临江区文化广电旅游体育局', kind: 'DISTRICT_DEPARTMENT', category: 'SECOND', region: { code: '990102' } });
    const recategorised = await call(linjiangAdmin, UPDATE, { id: unit.id, input: { category: 'FIRST', kind: 'TOWN' } });
    expect(recategorised.data.updateUnit).toMatchObject({ name: '临江区文化广电旅游体育局', kind: 'TOWN', category: 'FIRST' });
    const cleared = await call(linjiangAdmin, UPDATE, { id: unit.id, input: { category: null } });
    expect(cleared.data.updateUnit).toMatchObject({ kind: 'TOWN', category: null });
    expect(await units().findOneBy({ id: unit.id })).toMatchObject({ name: '临江区文化广电旅游体育局', kind: 'TOWN', category: null, regionCode: '990102' });
  });

  it('moves a unit only between regions both in scope, and never onto a name taken there', async () => {
    const moved = await call(linjiangAdmin, UPDATE, { id: marketLinjiang, input: { regionCode: '990102001' } });
    expect(moved.data.updateUnit.region).toEqual({ code: '990102001' });
    const refused: [Caller, string, Record<string, unknown>, Record<string, unknown>][] = [
      [linjiangAdmin, marketLinjiang, { regionCode: '990103' }, { code: 'FORBIDDEN' }],
      [linjiangAdmin, cityTax, { name: '越权改名' }, { code: 'FORBIDDEN' }],
      [cityAdmin, marketLinjiang, { regionCode: '990108' }, { code: 'NOT_FOUND', field: 'regionCode' }],
      // its handler (a person of 临江区) would end up linked across districts
      [cityAdmin, marketLinjiang, { regionCode: '990103' }, { code: 'BAD_USER_INPUT', field: 'regionCode' }],
      [cityAdmin, marketLinjiang, { regionCode: '990102', name: '临江区住房和城乡建设局' }, { code: 'CONFLICT', field: 'name' }],
      [cityAdmin, marketLinjiang, { name: '' }, { code: 'BAD_USER_INPUT', field: 'name' }],
      [cityAdmin, '00000000-0000-4000-8000-000000000000', { name: '无此单位' }, { code: 'NOT_FOUND' }],
      [screen, marketLinjiang, { name: '大屏改名' }, { code: 'FORBIDDEN' }],
    ];
    for (const [caller, id, input, expected] of refused) {
      expect(await refusal(caller, UPDATE, { id, input }), JSON.stringify(input)).toMatchObject(expected);
    }
    expect(await units().findOneBy({ id: marketLinjiang })).toMatchObject({ name: '临江区市场监督管理局', regionCode: '990102001' });
    expect(await units().findOneBy({ id: cityTax })).toMatchObject({ name: '国家税务总局江湾市税务局', regionCode: '990100' });
    const back = await call(cityAdmin, UPDATE, { id: marketLinjiang, input: { regionCode: '990102' } });
    expect(back.data.updateUnit.region).toEqual({ code: '990102' });
  });
});
