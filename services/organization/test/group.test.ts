import { Permission, Role, type Caller } from '@bizenv/common/auth';
import { isWithin } from '@bizenv/common/region-code';
import { stableId } from '@bizenv/common/stable-id';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUPS, demoGroupId } from '../src/group/demo-groups.js';
import { GroupMember } from '../src/group/group-member.entity.js';
import { Group } from '../src/group/group.entity.js';
import { demoPersonId } from '../src/person/demo-people.js';
import { organizationSubgraph } from '../src/subgraph.js';

const AUTH_SECRET = new TextEncoder().encode('organization-test-auth-secret-0123456789');
const cityAdmin: Caller = { id: 'a', name: '系统管理员', roles: [Role.ADMIN], regionCode: '990100' };
const linjiangAdmin: Caller = { id: 'la', name: '临江区管理员', roles: [Role.LEADER], regionCode: '990102', permissions: [Permission.ORG_READ, Permission.ORG_ADMIN] };
const cityLeader: Caller = { id: 'c', name: '市领导', roles: [Role.LEADER], regionCode: '990100' };
const linjiangLeader: Caller = { id: 'l', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };

const GROUP_FIELDS = `id name kind region { code } parent { id name } children { id name } leader { id name title } leadUnit { id name }
  memberUnits { duty unit { id name } } memberPeople { duty person { id name } }`;
const GROUP = `query($id: ID!) { group(id: $id) { ${GROUP_FIELDS} } }`;
const GROUPS = `query($filter: GroupFilter, $first: Int, $after: String) {
  groups(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name kind region { code } } } }
}`;
const CREATE = `mutation($input: CreateGroupInput!) { createGroup(input: $input) { ${GROUP_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateGroupInput!) { updateGroup(input: $input) { ${GROUP_FIELDS} } }`;
const ADD = `mutation($input: AddGroupMemberInput!) { addGroupMember(input: $input) { ${GROUP_FIELDS} } }`;
const REMOVE = `mutation($input: RemoveGroupMemberInput!) { removeGroupMember(input: $input) { ${GROUP_FIELDS} } }`;

const cityLeading = demoGroupId('city-leading');
const linjiangLeading = demoGroupId('linjiang-leading');
const chengnanLeading = demoGroupId('chengnan-leading');

describe.each(await databaseTargets())('groups on $name', ({ create }) => {
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
  const stored = (id: string) => subgraph.dataSource.getRepository(Group).findOneBy({ id });
  const storedMembers = (groupId: string) => subgraph.dataSource.getRepository(GroupMember).find({ where: { groupId }, order: { id: 'ASC' } });
  const groupCount = () => subgraph.dataSource.getRepository(Group).count();

  async function refusal(caller: Caller | null, query: string, variables: Record<string, unknown> = {}) {
    const result = await call(caller, query, variables);
    expect(result.errors, JSON.stringify(result.data)).toBeDefined();
    return { message: result.errors![0].message, ...result.errors![0].extensions };
  }

  async function walk(caller: Caller, filter: Record<string, unknown>, first: number) {
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const result = await call(caller, GROUPS, { filter, first, after });
      expect(result.errors).toBeUndefined();
      const page = result.data.groups;
      ids.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasNextPage) return { ids, totalCount: page.totalCount as number };
      after = page.pageInfo.endCursor;
    }
    throw new Error('pagination did not end');
  }

  const demoIdsWhere = (keep: (g: (typeof DEMO_GROUPS)[number]) => boolean) => DEMO_GROUPS.filter(keep).map((g) => demoGroupId(g.key)).sort();

  async function newGroup(caller: Caller, input: Record<string, unknown>): Promise<string> {
    const result = await call(caller, CREATE, { input: { kind: 'WORK_GROUP', ...input } });
    expect(result.errors).toBeUndefined();
    return result.data.createGroup.id;
  }

  it('seeds the demo city leading group with its leader, office, work groups and members', async () => {
    const { data } = await call(cityLeader, GROUP, { id: cityLeading });
    expect(data.group).toMatchObject({
      name: '江湾市优化营商环境工作领导小组',
      kind: 'LEADING_GROUP',
      parent: null,
      leader: { id: demoPersonId('city.leader'), name: '市领导', title: '副市长' },
    });
    expect(data.group.memberPeople[0]).toEqual({ duty: '组长', person: { id: demoPersonId('city.leader'), name: '市领导' } });
    expect(data.group.memberUnits).toHaveLength(13);
    expect(data.group.children.map((c: { id: string }) => c.id).sort()).toEqual(demoIdsWhere((g) => g.parentKey === 'city-leading'));
    const office = await call(cityLeader, GROUP, { id: demoGroupId('city-office') });
    expect(office.data.group).toMatchObject({ kind: 'OFFICE', parent: { id: cityLeading }, leadUnit: { name: '市发展和改革委员会' } });
  });

  it('pages through groups with filters by region, kind, parent and literal name', async () => {
    const all = await walk(cityLeader, {}, 3);
    expect(all.totalCount).toBe(DEMO_GROUPS.length);
    expect([...all.ids].sort()).toEqual(demoIdsWhere(() => true));
    expect((await walk(cityLeader, { regionCode: '990102' }, 1)).ids.sort()).toEqual(demoIdsWhere((g) => g.regionCode === '990102'));
    expect((await walk(cityLeader, { kind: 'LEADING_GROUP' }, 10)).totalCount).toBe(DEMO_GROUPS.filter((g) => g.kind === 'LEADING_GROUP').length);
    expect((await walk(cityLeader, { parentId: demoGroupId('linjiang-leading') }, 10)).ids).toEqual([demoGroupId('linjiang-project-service')]);
    expect((await walk(cityLeader, { nameContains: '工作专班' }, 10)).totalCount).toBe(2);
    for (const wildcard of ['%', '_', '工作_班']) expect((await walk(cityLeader, { nameContains: wildcard }, 10)).totalCount).toBe(0);
  });

  it('shows a district leader their district groups only: lists, totals, ids, parents and entity references', async () => {
    const own = await walk(linjiangLeader, {}, 10);
    expect([...own.ids].sort()).toEqual(demoIdsWhere((g) => isWithin(g.regionCode, '990102')));
    expect(own.totalCount).toBe(own.ids.length);
    expect(await refusal(linjiangLeader, GROUPS, { filter: { regionCode: '990103' } })).toMatchObject({ code: 'FORBIDDEN' });
    for (const id of [chengnanLeading, cityLeading]) expect(await refusal(linjiangLeader, GROUP, { id })).toMatchObject({ code: 'FORBIDDEN' });
    const entities = await call(linjiangLeader, `{ _entities(representations: [{ __typename: "Group", id: "${chengnanLeading}" }]) { ... on Group { name } } }`);
    expect(entities.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(entities.data)).not.toContain('城南区');
    const mine = await call(linjiangLeader, GROUP, { id: linjiangLeading });
    expect(mine.data.group).toMatchObject({ name: '临江区优化营商环境工作领导小组', parent: null, leader: { id: demoPersonId('linjiang.leader') } });
    expect(mine.data.group.memberPeople.map((m: { duty: string }) => m.duty)).toEqual(['组长', '副组长', '联络员']);
  });

  it('creates a group under a parent with leader, lead unit and members', async () => {
    const id = await newGroup(linjiangAdmin, {
      name: '临江区政务服务工作组', regionCode: '990102', parentId: linjiangLeading,
      leaderId: demoPersonId('linjiang.gov-data.director'), leadUnitId: stableId('990102-gov-data'),
    });
    await call(linjiangAdmin, ADD, { input: { groupId: id, personId: demoPersonId('jiangbin.ambassador'), duty: '成员' } });
    const added = await call(linjiangAdmin, ADD, { input: { groupId: id, unitId: stableId('city-tax'), duty: '成员单位' } });
    expect(added.data.addGroupMember).toMatchObject({
      parent: { id: linjiangLeading },
      leader: { name: '临江区政务服务数据管理局局长' },
      leadUnit: { name: '临江区政务服务数据管理局' },
      memberPeople: [{ duty: '成员', person: { name: '江滨街道服务大使' } }],
      memberUnits: [{ duty: '成员单位', unit: { name: '国家税务总局江湾市税务局' } }],
    });
    const parent = await call(linjiangLeader, GROUP, { id: linjiangLeading });
    expect(parent.data.group.children.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('refuses a bad group with a clear error and stores nothing', async () => {
    const before = await groupCount();
    const base = { name: '不应保存的工作组', kind: 'WORK_GROUP', regionCode: '990102' };
    const cases: [Caller, Record<string, unknown>, string, RegExp][] = [
      [cityAdmin, { parentId: stableId('no-such-group') }, 'NOT_FOUND', /未找到上级组织/],
      [linjiangAdmin, { parentId: cityLeading }, 'FORBIDDEN', /上级组织不在本账号的管理范围内/],
      [cityAdmin, { parentId: chengnanLeading }, 'BAD_USER_INPUT', /须在上级组织“城南区优化营商环境工作领导小组”所在区域范围内/],
      [cityAdmin, { leaderId: stableId('nobody') }, 'NOT_FOUND', /未找到该人员/],
      [cityAdmin, { leaderId: demoPersonId('chengnan.leader') }, 'BAD_USER_INPUT', /城南区领导.*不在本组所在区域/],
      [cityAdmin, { leaderId: demoPersonId('city.leader') }, 'BAD_USER_INPUT', /不在本组所在区域/],
      [cityAdmin, { leadUnitId: stableId('no-such-unit') }, 'NOT_FOUND', /未找到该单位/],
      [cityAdmin, { leadUnitId: stableId('990103-market') }, 'BAD_USER_INPUT', /城南区市场监督管理局.*不能跨区县/],
      [cityAdmin, { regionCode: '990102099' }, 'NOT_FOUND', /未找到该行政区划/],
      [cityAdmin, { name: '' }, 'BAD_USER_INPUT', /名称不能为空/],
      [linjiangAdmin, { regionCode: '990103' }, 'FORBIDDEN', /无权/],
      [cityLeader, {}, 'FORBIDDEN', /无权/],
    ];
    for (const [caller, change, code, message] of cases) {
      const error = await refusal(caller, CREATE, { input: { ...base, ...change } });
      expect(error, JSON.stringify(change)).toMatchObject({ code });
      expect(error.message).toMatch(message);
    }
    expect(await groupCount()).toBe(before);
  });

  it('refuses a cycle found by walking up the parent chain, leaving the group as it was', async () => {
    const top = await newGroup(cityAdmin, { name: '新湖区工作组', regionCode: '990104' });
    const middle = await newGroup(cityAdmin, { name: '新湖区工作组一组', regionCode: '990104', parentId: top });
    const bottom = await newGroup(cityAdmin, { name: '新湖区工作组一组专班', regionCode: '990104001', parentId: middle });
    const before = await stored(top);
    for (const parentId of [bottom, middle, top]) {
      const error = await refusal(cityAdmin, UPDATE, { input: { id: top, name: '不应保存', parentId } });
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentId' });
      expect(error.message).toContain('成环');
    }
    expect(await stored(top)).toEqual(before);
    // moving the bottom one up is fine: no cycle
    const moved = await call(cityAdmin, UPDATE, { input: { id: bottom, parentId: top } });
    expect(moved.data.updateGroup.parent).toEqual({ id: top, name: '新湖区工作组' });
    expect(await refusal(cityAdmin, UPDATE, { input: { id: top, parentId: bottom } })).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('updates only what it is given, clears with null, and refuses a bad change', async () => {
    const id = await newGroup(cityAdmin, { name: '青山县专班', kind: 'TASK_FORCE', regionCode: '990121', leadUnitId: stableId('990121-market') });
    const updated = await call(cityAdmin, UPDATE, { input: { id, name: '青山县营商专班', kind: 'SPECIAL_ACTION_GROUP', leadUnitId: null } });
    expect(updated.data.updateGroup).toMatchObject({ name: '青山县营商专班', kind: 'SPECIAL_ACTION_GROUP', leadUnit: null, region: { code: '990121' } });
    const before = await stored(id);
    const cases: [Caller, Record<string, unknown>, string][] = [
      [cityAdmin, { name: '不应保存', leadUnitId: stableId('990102-market') }, 'BAD_USER_INPUT'],
      [cityAdmin, { name: '不应保存', leaderId: demoPersonId('handler') }, 'BAD_USER_INPUT'],
      [cityAdmin, { name: '不应保存', parentId: linjiangLeading }, 'BAD_USER_INPUT'],
      [cityAdmin, { name: null }, 'BAD_USER_INPUT'],
      [linjiangAdmin, { name: '不应保存' }, 'FORBIDDEN'],
      [cityLeader, { name: '不应保存' }, 'FORBIDDEN'],
    ];
    for (const [caller, change, code] of cases) expect(await refusal(caller, UPDATE, { input: { id, ...change } }), JSON.stringify(change)).toMatchObject({ code });
    expect(await stored(id)).toEqual(before);
    expect(await refusal(cityAdmin, UPDATE, { input: { id: stableId('no-such-group'), name: 'x' } })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('adds and removes members, refusing bad ones and storing nothing for them', async () => {
    const id = await newGroup(linjiangAdmin, { name: '临江区项目帮办专班', kind: 'TASK_FORCE', regionCode: '990102' });
    await call(linjiangAdmin, ADD, { input: { groupId: id, personId: demoPersonId('linjiang.ambassador'), duty: '组长' } });
    await call(linjiangAdmin, ADD, { input: { groupId: id, unitId: stableId('990102-housing') } });
    const before = await storedMembers(id);
    expect(before).toHaveLength(2);
    const cases: [Caller, Record<string, unknown>, string, RegExp][] = [
      [linjiangAdmin, { personId: demoPersonId('linjiang.ambassador') }, 'CONFLICT', /已是该组成员/],
      [linjiangAdmin, { unitId: stableId('990102-housing'), duty: '成员单位' }, 'CONFLICT', /已是该组成员/],
      [linjiangAdmin, { personId: stableId('nobody') }, 'NOT_FOUND', /未找到该人员/],
      [linjiangAdmin, { unitId: stableId('no-such-unit') }, 'NOT_FOUND', /未找到该单位/],
      [cityAdmin, { personId: demoPersonId('chengnan.leader') }, 'BAD_USER_INPUT', /不在本组所在区域/],
      [linjiangAdmin, { unitId: stableId('990103-housing') }, 'BAD_USER_INPUT', /不能跨区县/],
      [linjiangAdmin, { personId: demoPersonId('handler'), unitId: stableId('990102-market') }, 'BAD_USER_INPUT', /二选一|选填一项/],
      [linjiangAdmin, {}, 'BAD_USER_INPUT', /选填一项/],
      [linjiangAdmin, { personId: demoPersonId('handler'), duty: 'x'.repeat(33) }, 'BAD_USER_INPUT', /不能超过32个字/],
      [linjiangLeader, { personId: demoPersonId('handler') }, 'FORBIDDEN', /无权/],
    ];
    for (const [caller, change, code, message] of cases) {
      const error = await refusal(caller, ADD, { input: { groupId: id, ...change } });
      expect(error, JSON.stringify(change)).toMatchObject({ code });
      expect(error.message).toMatch(message);
    }
    expect(await refusal(linjiangAdmin, ADD, { input: { groupId: chengnanLeading, personId: demoPersonId('handler') } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await storedMembers(id)).toEqual(before);

    const removed = await call(linjiangAdmin, REMOVE, { input: { groupId: id, personId: demoPersonId('linjiang.ambassador') } });
    expect(removed.data.removeGroupMember).toMatchObject({ memberPeople: [], memberUnits: [{ unit: { id: stableId('990102-housing') }, duty: null }] });
    expect(await refusal(linjiangAdmin, REMOVE, { input: { groupId: id, personId: demoPersonId('linjiang.ambassador') } })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(linjiangLeader, REMOVE, { input: { groupId: id, unitId: stableId('990102-housing') } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await storedMembers(id)).toHaveLength(1);
  });
});
