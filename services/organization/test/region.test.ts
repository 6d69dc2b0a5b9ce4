import { Permission, Role, type Caller } from '@bizenv/common/auth';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph } from '@bizenv/common/testing';
import { In, Like } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Region } from '../src/region/region.entity.js';
import { organizationSubgraph } from '../src/subgraph.js';

const AUTH_SECRET = new TextEncoder().encode('organization-test-auth-secret-0123456789');
const cityLeader: Caller = { id: 'c', name: '市领导', roles: [Role.LEADER], regionCode: '990100' };
const linjiangLeader: Caller = { id: 'l', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };
const screen: Caller = { id: 's', name: '大屏', roles: [Role.SCREEN], regionCode: '990100' };
const complaintsOnly: Caller = { id: 'i', name: '12345平台', roles: [Role.INTEGRATOR], regionCode: '990100', permissions: [Permission.COMPLAINT_READ] };
const cityAdmin: Caller = { id: 'a', name: '管理员', roles: [Role.ADMIN], regionCode: '990100' };
const linjiangAdmin: Caller = { id: 'la', name: '临江区管理员', roles: [Role.LEADER], regionCode: '990102', permissions: [Permission.ORG_READ, Permission.ORG_ADMIN] };

const REGIONS = `query($filter: RegionFilter, $first: Int, $after: String) {
  regions(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { code name level } } }
}`;
const CREATE = `mutation($input: CreateRegionInput!) { createRegion(input: $input) { code name level parent { code } } }`;
const UPDATE = `mutation($code: ID!, $input: UpdateRegionInput!) { updateRegion(code: $code, input: $input) { code name } }`;
const IMPORT = `mutation($regions: [CreateRegionInput!]!) { importRegions(regions: $regions) { code } }`;

type Input = { code: string; name: string; level: string; parentCode?: string | null };

describe.each(await databaseTargets())('regions on $name', ({ create }) => {
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
  const stored = (codes: string[]) => subgraph.dataSource.getRepository(Region).findBy({ code: In(codes) });

  /** The first error's extensions, failing when the call succeeded. */
  async function refusal(caller: Caller | null, query: string, variables: Record<string, unknown> = {}) {
    const result = await call(caller, query, variables);
    expect(result.errors, JSON.stringify(result.data)).toBeDefined();
    return result.errors![0].extensions;
  }

  /** Follows endCursor to the end; every page must report the same total. */
  async function walk(caller: Caller, filter: Record<string, unknown>, first: number) {
    const codes: string[] = [];
    let after: string | null = null;
    let totalCount: number | undefined;
    for (let pages = 0; pages < 1000; pages++) {
      const result = await call(caller, REGIONS, { filter, first, after });
      expect(result.errors).toBeUndefined();
      const page = result.data.regions;
      totalCount ??= page.totalCount;
      expect(page.totalCount).toBe(totalCount);
      expect(page.edges.length).toBeLessThanOrEqual(first);
      codes.push(...page.edges.map((e: { node: { code: string } }) => e.node.code));
      if (!page.pageInfo.hasNextPage) return { codes, totalCount: totalCount! };
      expect(page.edges).toHaveLength(first);
      after = page.pageInfo.endCursor;
    }
    throw new Error('pagination did not end');
  }

  it('pages through the whole city by code: every region once, no gaps, the total on every page', async () => {
    const expected = (await subgraph.dataSource.getRepository(Region).findBy({ code: Like('9901%') })).map((r) => r.code).sort();
    const { codes, totalCount } = await walk(cityLeader, {}, 7);
    expect(codes).toEqual(expected);
    expect(totalCount).toBe(expected.length);
    expect(expected.length).toBeGreaterThanOrEqual(37);
  });

  it('refuses a page size out of range and a cursor it did not issue', async () => {
    for (const first of [0, -1, 101]) expect(await refusal(cityLeader, REGIONS, { first })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const threeKeys = Buffer.from(JSON.stringify(['990100', 'x', 'y'])).toString('base64url');
    for (const after of ['not-a-cursor', threeKeys, '']) {
      const result = await call(cityLeader, REGIONS, { after });
      // an empty cursor means "from the start"
      if (after === '') expect(result.data.regions.edges[0].node.code).toBe('990100');
      else expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('filters by subtree, level, parent and name, counting only the filtered set', async () => {
    const towns = await walk(cityLeader, { within: '990103', level: 'TOWN' }, 4);
    expect(towns).toEqual({ codes: ['990103001', '990103002', '990103003', '990103004', '990103005', '990103006'], totalCount: 6 });
    expect((await walk(cityLeader, { parentCode: '990121' }, 100)).totalCount).toBe(7);
    const streets = await call(cityLeader, REGIONS, { filter: { within: '990102', nameContains: '街道' } });
    expect(streets.data.regions.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['江滨街道', '滨湖街道', '望江街道']);
    const districts = await call(cityLeader, REGIONS, { filter: { level: 'DISTRICT', nameContains: '区' } });
    expect(districts.data.regions.totalCount).toBe(3);
  });

  it('matches % and _ in a name literally and checks the name filter', async () => {
    for (const nameContains of ['%', '_', '街%', '_道']) {
      const result = await call(cityLeader, REGIONS, { filter: { nameContains } });
      expect(result.data.regions.totalCount, nameContains).toBe(0);
    }
    for (const nameContains of ['', '   ', '街'.repeat(65), 'a\u0000b']) {
      expect(await refusal(cityLeader, REGIONS, { filter: { nameContains } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.nameContains' });
    }
    expect(await refusal(cityLeader, REGIONS, { filter: { within: '99%' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.within' });
  });

  it('keeps a district leader to their subtree: the default list, totals and every other district refused', async () => {
    const own = await walk(linjiangLeader, {}, 100);
    expect(own.codes).toEqual(['990102', '990102001', '990102002', '990102003', '990102004', '990102005', ...own.codes.slice(6)]);
    expect(own.codes.every((code) => code.startsWith('990102'))).toBe(true);
    expect(own.totalCount).toBe(own.codes.length);
    const filters = [{ within: '990103' }, { within: '990100' }, { parentCode: '990100' }, { within: '990102', parentCode: '990103' }];
    for (const filter of filters) {
      const result = await call(linjiangLeader, REGIONS, { filter });
      expect(result.errors?.[0].extensions?.code, JSON.stringify(filter)).toBe('FORBIDDEN');
      expect(result.data).toBeNull();
    }
  });

  it('lets a wall screen read region names and children for its map, and nothing more', async () => {
    const map = await call(screen, '{ region(code: "990100") { name children { code name } } }');
    expect(map.data.region.name).toBe('江湾市');
    expect(map.data.region.children.length).toBeGreaterThanOrEqual(6);
    expect((await call(screen, REGIONS, { filter: { level: 'DISTRICT' } })).data.regions.totalCount).toBeGreaterThanOrEqual(4);
    expect(await refusal(screen, CREATE, { input: { code: '990109', name: '大屏区', level: 'DISTRICT', parentCode: '990100' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(screen, UPDATE, { code: '990102', input: { name: '大屏改名' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(screen, IMPORT, { regions: [{ code: '990109', name: '大屏区', level: 'DISTRICT', parentCode: '990100' }] })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await stored(['990109'])).toEqual([]);
    expect((await stored(['990102']))[0].name).toBe('临江区');
  });

  it('refuses region reads, lists and references to a caller with neither org:read nor stats:read', async () => {
    for (const query of ['{ region(code: "990102") { name } }', '{ regions { totalCount } }', '{ _entities(representations: [{ __typename: "Region", code: "990102" }]) { ... on Region { name } } }']) {
      const result = await call(complaintsOnly, query);
      expect(result.errors?.[0].extensions?.code, query).toBe('FORBIDDEN');
      expect(JSON.stringify(result.data ?? null)).not.toContain('临江区');
    }
  });

  it('creates districts and towns whose parent is the one their code implies', async () => {
    const district = await call(cityAdmin, CREATE, { input: { code: '990105', name: ' 江北区 ', level: 'DISTRICT', parentCode: '990100' } });
    expect(district.data.createRegion).toEqual({ code: '990105', name: '江北区', level: 'DISTRICT', parent: { code: '990100' } });
    const town = await call(cityAdmin, CREATE, { input: { code: '990105001', name: '江北街道', level: 'TOWN', parentCode: '990105' } });
    expect(town.data.createRegion.parent).toEqual({ code: '990105' });
    const park = await call(cityAdmin, CREATE, { input: { code: '990105901', name: '江北科技园', level: 'PARK', parentCode: '990105' } });
    expect(park.data.createRegion.level).toBe('PARK');
    const children = await call(cityLeader, '{ region(code: "990105") { children { code } } }');
    expect(children.data.region.children).toEqual([{ code: '990105001' }, { code: '990105901' }]);
  });

  const invalid: [string, Input, Record<string, unknown>][] = [
    ['a code of five digits', { code: '99010', name: '坏代码', level: 'DISTRICT', parentCode: '990100' }, { code: 'BAD_USER_INPUT', field: 'code' }],
    ['letters in the code', { code: '99010x', name: '坏代码', level: 'DISTRICT', parentCode: '990100' }, { code: 'BAD_USER_INPUT', field: 'code' }],
    ['a district with a town code', { code: '990102099', name: '错层级', level: 'DISTRICT', parentCode: '990102' }, { code: 'BAD_USER_INPUT', field: 'code' }],
    ['a town with a six-digit code', { code: '990108', name: '错层级', level: 'TOWN', parentCode: '990100' }, { code: 'BAD_USER_INPUT', field: 'code' }],
    ['a district with a city code', { code: '990100', name: '错层级', level: 'DISTRICT', parentCode: '990100' }, { code: 'BAD_USER_INPUT', field: 'code' }],
    ['a town under the city', { code: '990102099', name: '越级镇', level: 'TOWN', parentCode: '990100' }, { code: 'BAD_USER_INPUT', field: 'parentCode' }],
    ['a town under another district', { code: '990102099', name: '错挂镇', level: 'TOWN', parentCode: '990103' }, { code: 'BAD_USER_INPUT', field: 'parentCode' }],
    ['a district without a parent', { code: '990108', name: '无上级区', level: 'DISTRICT', parentCode: null }, { code: 'BAD_USER_INPUT', field: 'parentCode' }],
    ['a city with a parent', { code: '990100', name: '江湾市', level: 'CITY', parentCode: '990000' }, { code: 'BAD_USER_INPUT', field: 'parentCode' }],
    ['a town under a district that does not exist', { code: '990108001', name: '无主镇', level: 'TOWN', parentCode: '990108' }, { code: 'NOT_FOUND', field: 'parentCode' }],
    ['a park under a park', { code: '990171901', name: '园中园', level: 'PARK', parentCode: '990171' }, { code: 'BAD_USER_INPUT', field: 'level' }],
    ['a code taken', { code: '990102', name: '临江区', level: 'DISTRICT', parentCode: '990100' }, { code: 'CONFLICT', field: 'code' }],
    ['an empty name', { code: '990102099', name: '  ', level: 'TOWN', parentCode: '990102' }, { code: 'BAD_USER_INPUT', field: 'name' }],
    ['a name of 65 characters', { code: '990102099', name: '镇'.repeat(65), level: 'TOWN', parentCode: '990102' }, { code: 'BAD_USER_INPUT', field: 'name' }],
    // the parent is fixed by the code, so a region can never hang under its own subtree
    ['a district naming its own town as parent', { code: '990108', name: '自指区', level: 'DISTRICT', parentCode: '990108001' }, { code: 'BAD_USER_INPUT', field: 'parentCode' }],
    ['a town naming itself as parent', { code: '990102099', name: '自指镇', level: 'TOWN', parentCode: '990102099' }, { code: 'BAD_USER_INPUT', field: 'parentCode' }],
  ];

  it.each(invalid)('refuses %s with a clear error and stores nothing', async (_, input, expected) => {
    const before = await stored([input.code]);
    const extensions = await refusal(cityAdmin, CREATE, { input });
    expect(extensions).toMatchObject(expected);
    expect(await stored([input.code])).toEqual(before);
    if (expected.code === 'BAD_USER_INPUT') {
      const result = await call(cityAdmin, CREATE, { input });
      expect(result.errors?.[0].message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('renames a region within scope only, and refuses a bad name', async () => {
    expect((await call(cityAdmin, UPDATE, { code: '990104', input: { name: '新湖新区' } })).data.updateRegion).toEqual({ code: '990104', name: '新湖新区' });
    expect(await refusal(cityAdmin, UPDATE, { code: '990104', input: { name: '' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await refusal(cityAdmin, UPDATE, { code: '990104009', input: { name: '无此镇' } })).toMatchObject({ code: 'NOT_FOUND', regionCode: '990104009' });
    expect(await refusal(cityLeader, '{ region(code: "990104009") { name } }')).toMatchObject({ code: 'NOT_FOUND', regionCode: '990104009' });
    expect(await refusal(linjiangAdmin, UPDATE, { code: '990103', input: { name: '越权' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(cityLeader, UPDATE, { code: '990104', input: { name: '无权' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect((await stored(['990104', '990103'])).map((r) => r.name).sort()).toEqual(['城南区', '新湖新区']);
  });

  it('lets a district administrator add towns in their district and nowhere else', async () => {
    const town = await call(linjiangAdmin, CREATE, { input: { code: '990102010', name: '江心洲街道', level: 'TOWN', parentCode: '990102' } });
    expect(town.data.createRegion.code).toBe('990102010');
    const elsewhere = [
      { code: '990103010', name: '越权镇', level: 'TOWN', parentCode: '990103' },
      { code: '990106', name: '越权区', level: 'DISTRICT', parentCode: '990100' },
    ];
    for (const input of elsewhere) expect(await refusal(linjiangAdmin, CREATE, { input })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await stored(elsewhere.map((r) => r.code))).toEqual([]);
  });

  it('imports a region tree in one go, parents anywhere in the batch', async () => {
    const batch: Input[] = [
      { code: '990122001', name: '东岭镇', level: 'TOWN', parentCode: '990122' },
      { code: '990122002', name: '西岭镇', level: 'TOWN', parentCode: '990122' },
      { code: '990122', name: '东岭县', level: 'DISTRICT', parentCode: '990100' },
    ];
    const result = await call(cityAdmin, IMPORT, { regions: batch });
    expect(result.data.importRegions.map((r: { code: string }) => r.code)).toEqual(batch.map((r) => r.code));
    const county = await call(cityLeader, '{ region(code: "990122") { name children { code } } }');
    expect(county.data.region).toEqual({ name: '东岭县', children: [{ code: '990122001' }, { code: '990122002' }] });
  });

  it('imports all or nothing: one bad entry anywhere keeps the whole batch out', async () => {
    const good: Input[] = [
      { code: '990123', name: '南岭县', level: 'DISTRICT', parentCode: '990100' },
      { code: '990123001', name: '南岭镇', level: 'TOWN', parentCode: '990123' },
    ];
    const bad: [Caller, Input, Record<string, unknown>][] = [
      [cityAdmin, { code: '990102', name: '临江区', level: 'DISTRICT', parentCode: '990100' }, { code: 'CONFLICT', field: 'regions[2].code' }],
      [cityAdmin, { code: '990123001', name: '重复镇', level: 'TOWN', parentCode: '990123' }, { code: 'CONFLICT', field: 'regions[2].code' }],
      [cityAdmin, { code: '990124001', name: '无主镇', level: 'TOWN', parentCode: '990124' }, { code: 'NOT_FOUND', field: 'regions[2].parentCode' }],
      [cityAdmin, { code: '990123002', name: '', level: 'TOWN', parentCode: '990123' }, { code: 'BAD_USER_INPUT', field: 'regions[2].name' }],
      [cityAdmin, { code: '990123002', name: '错层镇', level: 'DISTRICT', parentCode: '990123' }, { code: 'BAD_USER_INPUT', field: 'regions[2].code' }],
      [cityAdmin, { code: '990123901', name: '园中园', level: 'PARK', parentCode: '990171' }, { code: 'BAD_USER_INPUT', field: 'regions[2].parentCode' }],
    ];
    for (const [caller, entry, expected] of bad) {
      expect(await refusal(caller, IMPORT, { regions: [...good, entry] }), entry.name).toMatchObject(expected);
      expect(await stored(['990123', '990123001'])).toEqual([]);
    }
    // a district administrator's batch reaching outside the district
    const linjiangBatch: Input[] = [
      { code: '990102011', name: '江南街道', level: 'TOWN', parentCode: '990102' },
      { code: '990103011', name: '越权镇', level: 'TOWN', parentCode: '990103' },
    ];
    expect(await refusal(linjiangAdmin, IMPORT, { regions: linjiangBatch })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await stored(linjiangBatch.map((r) => r.code))).toEqual([]);
  });

  it(`takes up to 5000 regions in one import and refuses more, or none`, async () => {
    const districts = ['990181', '990182', '990183', '990184', '990185'];
    const full: Input[] = districts.flatMap((code, d) => [
      { code, name: `导入${d + 1}区`, level: 'DISTRICT', parentCode: '990100' },
      ...Array.from({ length: 999 }, (_, t) => ({ code: `${code}${String(t + 1).padStart(3, '0')}`, name: `导入${d + 1}区${t + 1}镇`, level: 'TOWN', parentCode: code })),
    ]);
    expect(full).toHaveLength(5000);
    const extra: Input = { code: '990186', name: '导入6区', level: 'DISTRICT', parentCode: '990100' };
    expect(await refusal(cityAdmin, IMPORT, { regions: [...full, extra] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regions' });
    expect(await stored(districts)).toEqual([]);
    expect(await refusal(cityAdmin, IMPORT, { regions: [] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regions' });
    const result = await call(cityAdmin, IMPORT, { regions: full });
    expect(result.errors).toBeUndefined();
    expect(result.data.importRegions).toHaveLength(5000);
    expect(await subgraph.dataSource.getRepository(Region).countBy({ code: Like('99018%') })).toBe(5000);
  });
});
