import { Permission, Role, type Caller } from '@bizenv/common/auth';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { allPages, callSubgraph, type DatabaseTarget, databaseTargets, readSteadily, startTestSubgraph } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseServiceDeps } from '../src/context.js';
import { Demand } from '../src/demand/demand.entity.js';
import { Enterprise } from '../src/enterprise/enterprise.entity.js';
import { enterpriseServiceSubgraph } from '../src/subgraph.js';

const cityAmbassador: Caller = { id: 'amb-1', name: '市服务大使', roles: [Role.SERVICE_AMBASSADOR], regionCode: '990100' };
const linjiangLeader: Caller = { id: 'leader-1', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };
const screen: Caller = { id: 'screen-1', name: '指挥中心大屏', roles: [Role.SCREEN], regionCode: '990100' };

const PAGE = 'totalCount pageInfo { hasNextPage endCursor }';
const ENTERPRISES = `query($filter: EnterpriseFilter, $first: Int, $after: String) {
  enterprises(filter: $filter, first: $first, after: $after) { ${PAGE} edges { node { id creditCode name isKey } } }
}`;
const DEMANDS = `query($filter: DemandFilter, $first: Int, $after: String) {
  demands(filter: $filter, first: $first, after: $after) { ${PAGE} edges { node { id status overdue enterprise { id } } } }
}`;
const ENTERPRISE = `query($id: ID!) { enterprise(id: $id) { id } }`;
const DEMAND = `query($id: ID!) { demand(id: $id) { id enterprise { id } } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enterprise { id name } ... on Demand { id title } } }`;
const REGISTER = `mutation($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { id } }`;

describe.each(await databaseTargets())('enterprise and demand lists on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<EnterpriseServiceDeps>;
  let enterprises: Enterprise[];
  let demands: Demand[];

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(enterpriseServiceSubgraph(), target, [], true);
    enterprises = await subgraph.dataSource.getRepository(Enterprise).find();
    demands = await subgraph.dataSource.getRepository(Demand).find();
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const call = (caller: Caller, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  const listOf = <T>(query: string, field: string) => (caller: Caller, filter: Record<string, unknown> | null, first = 6) =>
    allPages<T>(async (after) => {
      const result = await call(caller, query, { filter, first, after });
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data[field];
    });
  const listEnterprises = listOf<{ id: string; name: string }>(ENTERPRISES, 'enterprises');
  const listDemands = listOf<{ id: string; overdue: boolean; enterprise: { id: string } }>(DEMANDS, 'demands');
  const byCode = (keep: (e: Enterprise) => boolean) => enterprises.filter(keep).sort((a, b) => (a.creditCode < b.creditCode ? -1 : 1)).map((e) => e.id);
  const newestDemands = (keep: (d: Demand) => boolean) =>
    demands
      .filter(keep)
      .sort((a, b) => b.raisedAt.getTime() - a.raisedAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((d) => d.id);
  const isOverdue = (d: Demand, at: number) => d.status !== DispatchStatus.CLOSED && d.dueAt.getTime() < at;
  const busiestUnit = (keep: (d: Demand) => boolean) => {
    const counts = new Map<string, number>();
    for (const d of demands.filter(keep)) if (d.unitId) counts.set(d.unitId, (counts.get(d.unitId) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0][0];
  };

  it('lists enterprises by credit code and filters by region, name and key enterprise', async () => {
    const word = enterprises[0].name.slice(5, 7);
    for (const [filter, keep] of [
      [null, () => true],
      [{ regionCode: '990104' }, (e) => e.regionCode.startsWith('990104')],
      [{ isKey: true }, (e) => e.isKey],
      [{ nameContains: word, isKey: false }, (e) => e.name.includes(word) && !e.isKey],
      // Wildcards are matched as text, not as patterns.
      [{ nameContains: '%' }, () => false],
      [{ nameContains: '_' }, () => false],
    ] as [Record<string, unknown> | null, (e: Enterprise) => boolean][]) {
      const { nodes, totalCount } = await listEnterprises(cityAmbassador, filter);
      expect(nodes.map((n) => n.id), JSON.stringify(filter)).toEqual(byCode(keep));
      expect(totalCount).toBe(nodes.length);
    }
    expect(byCode((e) => e.name.includes(word)).length).toBeGreaterThan(0);
  });

  it('lists demands newest first and filters by region, status, deadline and unit', async () => {
    const unit = busiestUnit(() => true);
    for (const [filter, keep] of [
      [null, () => true],
      [{ regionCode: '990121' }, (d) => d.regionCode.startsWith('990121')],
      [{ status: DispatchStatus.CLOSED }, (d) => d.status === DispatchStatus.CLOSED],
      [{ overdue: true }, isOverdue],
      [{ overdue: false, regionCode: '990102' }, (d, at) => !isOverdue(d, at) && d.regionCode.startsWith('990102')],
      [{ unitId: unit }, (d) => d.unitId === unit],
    ] as [Record<string, unknown> | null, (d: Demand, at: number) => boolean][]) {
      const { at, value } = await readSteadily(demands.map((d) => d.dueAt.getTime()), () => listDemands(cityAmbassador, filter));
      expect(value.nodes.map((n) => n.id), JSON.stringify(filter)).toEqual(newestDemands((d) => keep(d, at)));
      for (const node of value.nodes) expect(node.overdue).toBe(isOverdue(demands.find((d) => d.id === node.id)!, at));
    }
    expect(demands.some((d) => isOverdue(d, Date.now()))).toBe(true);
  });

  it('counts for a district leader only their district, and refuses another district rather than answering zero', async () => {
    expect((await listEnterprises(linjiangLeader, null)).nodes.map((n) => n.id)).toEqual(byCode((e) => e.regionCode.startsWith('990102')));
    expect((await listDemands(linjiangLeader, null)).nodes.map((n) => n.id)).toEqual(newestDemands((d) => d.regionCode.startsWith('990102')));
    for (const query of [ENTERPRISES, DEMANDS]) {
      const other = await call(linjiangLeader, query, { filter: { regionCode: '990103' } });
      expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(other.data).toBeNull();
    }
    const foreignEnterprise = enterprises.find((e) => !e.regionCode.startsWith('990102'))!;
    const foreignDemand = demands.find((d) => !d.regionCode.startsWith('990102'))!;
    const entities = await call(linjiangLeader, ENTITIES, {
      reps: [{ __typename: 'Enterprise', id: foreignEnterprise.id }, { __typename: 'Demand', id: foreignDemand.id }],
    });
    expect(entities.data._entities).toEqual([null, null]);
    expect(entities.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const own = enterprises.find((e) => e.regionCode.startsWith('990102'))!;
    expect((await call(linjiangLeader, ENTITIES, { reps: [{ __typename: 'Enterprise', id: own.id }] })).data._entities).toEqual([{ id: own.id, name: own.name }]);
  });

  it('shows a unit operator their unit’s demands and the enterprises that raised them, nothing else', async () => {
    const unit = busiestUnit((d) => d.regionCode.startsWith('990102'));
    const handler: Caller = { id: 'h-1', name: '承办人', roles: [Role.UNIT_HANDLER], regionCode: '990102', unitId: unit };
    const mine = (d: Demand) => d.regionCode.startsWith('990102') && d.unitId === unit;
    const own = await listDemands(handler, null);
    expect(own.nodes.map((n) => n.id)).toEqual(newestDemands(mine));
    expect(own.nodes.map((n) => n.enterprise.id)).toEqual(own.nodes.map((n) => demands.find((d) => d.id === n.id)!.enterpriseId));
    const served = new Set(demands.filter(mine).map((d) => d.enterpriseId));
    expect((await listEnterprises(handler, null)).nodes.map((n) => n.id)).toEqual(byCode((e) => served.has(e.id)));
    expect((await call(handler, ENTERPRISE, { id: [...served][0] })).data.enterprise).toEqual({ id: [...served][0] });
    const unserved = enterprises.find((e) => e.regionCode.startsWith('990102') && !served.has(e.id))!;
    expect((await call(handler, ENTERPRISE, { id: unserved.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const otherDemand = demands.find((d) => d.regionCode.startsWith('990102') && d.unitId !== unit)!;
    expect((await call(handler, DEMAND, { id: otherDemand.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('gives a wall screen statistics only: no list and no item by id', async () => {
    for (const [query, variables] of [
      [ENTERPRISES, {}],
      [DEMANDS, {}],
      [ENTERPRISE, { id: enterprises[0].id }],
      [DEMAND, { id: demands[0].id }],
      [ENTITIES, { reps: [{ __typename: 'Demand', id: demands[0].id }] }],
    ] as const) {
      const result = await call(screen, query, variables);
      expect(result.errors?.[0].extensions?.code, query).toBe('FORBIDDEN');
      expect(JSON.stringify(result.data)).not.toMatch(new RegExp(`${enterprises[0].id}|${demands[0].id}`));
    }
  });

  it('decides by permission, not by role: a writing key registers but reads nothing; a reading key reads but cannot register', async () => {
    const writer: Caller = { id: 'key-1', name: '企业服务平台', roles: [Role.INTEGRATOR], regionCode: '990100', permissions: [Permission.ENTERPRISE_WRITE] };
    const reader: Caller = { ...writer, permissions: [Permission.ENTERPRISE_READ] };
    const input = { creditCode: '91350100M000100Y43', name: '江湾市新湖测试有限公司', regionCode: '990104001' };
    expect((await call(reader, REGISTER, { input })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const registered = await call(writer, REGISTER, { input });
    expect(registered.errors).toBeUndefined();
    const id = registered.data.registerEnterprise.id;
    for (const [query, variables] of [[ENTERPRISES, {}], [ENTERPRISE, { id }]] as const) {
      expect((await call(writer, query, variables)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await call(reader, ENTERPRISE, { id })).data.enterprise).toEqual({ id });
    await subgraph.dataSource.getRepository(Enterprise).delete({ id });
  });

  it('refuses a malformed filter or page with the field named', async () => {
    for (const [query, variables, field] of [
      [ENTERPRISES, { filter: { regionCode: '9901' } }, 'filter.regionCode'],
      [ENTERPRISES, { filter: { nameContains: '  ' } }, 'filter.nameContains'],
      [DEMANDS, { filter: { unitId: 'x' } }, 'filter.unitId'],
      [DEMANDS, { first: 1000 }, 'first'],
    ] as const) {
      const result = await call(cityAmbassador, query, variables);
      expect(result.errors?.[0].extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});
