/**
 * Who may see and do what, for every kind of caller against every item-holding subgraph, through
 * the gateway on the seeded demo city. The callers are data (`CALLERS`); each operation turns a
 * caller into expected outcomes, and each (caller, operation) is one test that can fail either way:
 * a refusal where access is due, or an answer (or a number) where it is not.
 */
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Permission, verifySessionToken, type Caller } from '@bizenv/common/auth';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { stableId } from '@bizenv/common/stable-id';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { allPages, callSubgraph, type DatabaseTarget, databaseTargets, eventually, readSteadily } from '@bizenv/common/testing';
import { rebuildTally } from '@bizenv/complaints/complaint/complaint-tally';
import { Complaint } from '@bizenv/complaints/complaint/complaint.entity';
import { Demand } from '@bizenv/enterprise-service/demand/demand.entity';
import { demandDeadlines } from '@bizenv/enterprise-service/demand/demand-deadline';
import { DemandTimelineEntry } from '@bizenv/enterprise-service/demand/demand-timeline-entry.entity';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '@bizenv/common/credit-code';
import { Enterprise } from '@bizenv/enterprise-service/enterprise/enterprise.entity';
import { SCREEN_DOCUMENTS_FILE, type ScreenDocumentsManifest } from '@bizenv/gateway/limits/screen-allow-list';
import { demoApiKey } from '@bizenv/organization/api-key/demo-api-key';
import { SupervisedTaskUnit } from '@bizenv/tasks/task/task-unit.entity';
import { SupervisedTask } from '@bizenv/tasks/task/task.entity';
import { TaskStatus } from '@bizenv/tasks/task/task-status';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support/system.js';

/** The wall screen's documents, which it alone is limited to (generated from dashboard/src/api). */
const SCREEN_DOCUMENTS = (JSON.parse(readFileSync(SCREEN_DOCUMENTS_FILE, 'utf8')) as ScreenDocumentsManifest).documents;

const CITY = '990100';
const LINJIANG = '990102';
const JIANGBIN = '990102001';
const CHENGNAN = '990103';
/** Another city's town: outside every demo account's scope, even the city's. */
const ELSEWHERE = '990201001';
/** The subtree each scope root covers, spelled out (region-code.ts is what is under test). */
const SUBTREE: Record<string, string> = { [CITY]: '9901', [LINJIANG]: '990102', [JIANGBIN]: '990102001', [CHENGNAN]: '990103' };
const inScope = (code: string, root: string) => code.startsWith(SUBTREE[root]);

type Kind = 'complaint' | 'task' | 'enterprise' | 'demand';
type Subgraph = 'complaints' | 'tasks' | 'enterprise-service';
const ALL: Kind[] = ['complaint', 'task', 'enterprise', 'demand'];

interface CallerRow {
  name: string;
  /** A demo account's username, an API key (the demo 12345 platform's, or a new one with these scopes), or nobody. */
  credentials: { login: string } | { apiKey: 'demo' | (keyof typeof Permission)[] } | null;
  /** Root of the region subtree the caller may see. */
  region: string;
  /** Unit operators see only their unit's items (a demo unit key). */
  unitKey?: string;
  /** Region statistics and the screen's subscriptions. */
  stats: boolean;
  /** Items (by id, in lists, as entities) the caller may read. */
  reads: Kind[];
  /** Subgraphs whose write the caller may make (in their region). */
  writes: Subgraph[];
  /** Steers enterprise demands' closed loop (转办 and the rest: demand:dispatch) in their region. */
  steersDemands?: true;
  /** The gateway runs only the wall screen's own documents for it (its subscriptions). */
  screenDocumentsOnly?: true;
}

/** One row per kind of caller. */
const CALLERS: CallerRow[] = [
  { name: 'anonymous', credentials: null, region: CITY, stats: false, reads: [], writes: [] },
  { name: 'admin', credentials: { login: 'admin' }, region: CITY, stats: true, reads: ALL, writes: ['complaints', 'tasks', 'enterprise-service'], steersDemands: true },
  { name: 'city leader', credentials: { login: 'city.leader' }, region: CITY, stats: true, reads: ALL, writes: [] },
  { name: 'district leader', credentials: { login: 'linjiang.leader' }, region: LINJIANG, stats: true, reads: ALL, writes: [] },
  { name: 'hotline operator', credentials: { login: 'hotline' }, region: CITY, stats: true, reads: ALL, writes: ['complaints'] },
  { name: 'supervisor', credentials: { login: 'supervisor' }, region: CITY, stats: true, reads: ALL, writes: ['tasks'] },
  { name: 'discipline inspector', credentials: { login: 'inspector' }, region: CITY, stats: true, reads: ALL, writes: [] },
  { name: 'city ambassador', credentials: { login: 'ambassador' }, region: CITY, stats: true, reads: ALL, writes: ['enterprise-service'], steersDemands: true },
  { name: 'district ambassador', credentials: { login: 'linjiang.ambassador' }, region: LINJIANG, stats: true, reads: ALL, writes: ['enterprise-service'], steersDemands: true },
  { name: 'town ambassador', credentials: { login: 'jiangbin.ambassador' }, region: JIANGBIN, stats: true, reads: ALL, writes: ['enterprise-service'], steersDemands: true },
  { name: 'district unit operator', credentials: { login: 'handler' }, region: LINJIANG, unitKey: '990102-market', stats: true, reads: ALL, writes: [] },
  { name: 'city unit operator', credentials: { login: 'handler.tax' }, region: CITY, unitKey: 'city-tax', stats: true, reads: ALL, writes: [] },
  { name: 'wall screen', credentials: { login: 'screen' }, region: CITY, stats: true, reads: [], writes: [], screenDocumentsOnly: true },
  // 三员分立: the security administrator and the auditor see no business data at all
  { name: 'security administrator', credentials: { login: 'security' }, region: CITY, stats: false, reads: [], writes: [] },
  { name: 'auditor', credentials: { login: 'auditor' }, region: CITY, stats: false, reads: [], writes: [] },
  { name: '12345 platform (API key)', credentials: { apiKey: 'demo' }, region: CITY, stats: true, reads: ['complaint'], writes: ['complaints'] },
  {
    name: 'district integrator (API key without statistics)',
    credentials: { apiKey: ['COMPLAINT_READ', 'ENTERPRISE_READ'] },
    region: LINJIANG,
    stats: false,
    reads: ['complaint', 'enterprise', 'demand'],
    writes: [],
  },
];

/** An item as scope sees it: its region and the units it belongs to (an enterprise: those of its demands). */
interface Item {
  id: string;
  regionCode: string;
  units: string[];
}

const visible = (caller: CallerRow, item: Item) =>
  inScope(item.regionCode, caller.region) && (!caller.unitKey || item.units.includes(stableId(caller.unitKey)));

const ITEMS: Record<Kind, { typename: string; subgraph: Subgraph; byId: string; list: string; filter: string }> = {
  complaint: { typename: 'Complaint', subgraph: 'complaints', byId: 'complaint', list: 'complaints', filter: 'ComplaintFilter' },
  task: { typename: 'SupervisedTask', subgraph: 'tasks', byId: 'supervisedTask', list: 'supervisedTasks', filter: 'SupervisedTaskFilter' },
  enterprise: { typename: 'Enterprise', subgraph: 'enterprise-service', byId: 'enterprise', list: 'enterprises', filter: 'EnterpriseFilter' },
  demand: { typename: 'Demand', subgraph: 'enterprise-service', byId: 'demand', list: 'demands', filter: 'DemandFilter' },
};

const STATS: Record<Subgraph, { field: string; selection: string }> = {
  complaints: { field: 'complaintStats', selection: 'total open overdue' },
  tasks: { field: 'taskStats', selection: 'total open overdue' },
  'enterprise-service': { field: 'serviceStats', selection: 'enterprises openDemands overdueDemands' },
};

function newCreditCode(district: string): string {
  const body = Array.from({ length: 7 }, () => CREDIT_CODE_CHARSET[randomInt(CREDIT_CODE_CHARSET.length)]).join('');
  return `91${district}MA${body}` + creditCodeCheckChar(`91${district}MA${body}`);
}

const WRITES: Record<Subgraph, { mutation: string; input: (regionCode: string) => Record<string, unknown>; entity: Function }> = {
  complaints: {
    mutation: 'mutation($input: ReceiveComplaintInput!) { result: receiveComplaint(input: $input) { id } }',
    input: (regionCode) => ({ channel: 'WECHAT', category: 'OTHER', title: '权限矩阵测试', content: '权限矩阵测试', regionCode }),
    entity: Complaint,
  },
  tasks: {
    mutation: 'mutation($input: CreateSupervisedTaskInput!) { result: createSupervisedTask(input: $input) { id } }',
    input: (regionCode) => ({ number: 900, title: '权限矩阵测试', leadUnitId: stableId('990102-market'), regionCode, deadline: '2099-12-31' }),
    entity: SupervisedTask,
  },
  'enterprise-service': {
    mutation: 'mutation($input: RegisterEnterpriseInput!) { result: registerEnterprise(input: $input) { id } }',
    input: (regionCode) => ({ creditCode: newCreditCode(regionCode.slice(0, 6)), name: `江湾市权限矩阵测试${randomInt(1e9)}有限公司`, regionCode }),
    entity: Enterprise,
  },
};

interface Case {
  caller: CallerRow;
  operation: string;
  /** What must happen: an answer (checked against the rows), or a refusal with this code. */
  expected: 'answer' | 'FORBIDDEN' | 'UNAUTHENTICATED';
  run: (env: Env, expected: Case['expected']) => Promise<void>;
}

interface Env {
  system: TestSystem;
  /** What the caller presents at the gateway (HTTP) and their identity as the gateway forwards it. */
  auth: Map<CallerRow, { http?: string | Record<string, string>; ws?: string | Record<string, unknown>; forwarded: Caller | null }>;
  items(kind: Kind): Promise<Item[]>;
  stats(subgraph: Subgraph, root: string, at: number): Promise<Record<string, number>>;
  dueTimes(subgraph: Subgraph): Promise<number[]>;
  dataSource(subgraph: Subgraph): RunningSubgraph<object>['dataSource'];
  url(subgraph: Subgraph): string;
}

const refusal = (caller: CallerRow): Case['expected'] => (caller.credentials === null ? 'UNAUTHENTICATED' : 'FORBIDDEN');
const outcome = (caller: CallerRow, allowed: boolean): Case['expected'] => (allowed ? 'answer' : refusal(caller));

function expectRefused(result: { data?: any; errors?: any[] }, expected: Case['expected'], secret?: string) {
  expect(result.errors?.[0]?.extensions?.code).toBe(expected);
  if (secret) expect(JSON.stringify(result.data ?? null)).not.toContain(secret);
}

/** The in-scope item of a kind for a caller: one they may read, or (if they may read none) one in their region. */
async function itemFor(env: Env, caller: CallerRow, kind: Kind, inside: boolean): Promise<Item> {
  const items = await env.items(kind);
  const pick = inside
    ? items.find((i) => visible(caller, i)) ?? items.find((i) => inScope(i.regionCode, caller.region))
    : items.find((i) => !visible(caller, i) && inScope(i.regionCode, CITY)) ?? items.find((i) => !visible(caller, i));
  if (!pick) throw new Error(`no ${inside ? 'in' : 'out of'}-scope ${kind} for ${caller.name}`);
  return pick;
}

function casesFor(caller: CallerRow): Case[] {
  const cases: Case[] = [];
  const ownRegion = caller.region;
  for (const subgraph of Object.keys(STATS) as Subgraph[]) {
    const { field, selection } = STATS[subgraph];
    for (const code of [CITY, LINJIANG, JIANGBIN, CHENGNAN]) {
      const allowed = caller.stats && inScope(code, ownRegion);
      // Through the gateway (organization's Region, then this subgraph's statistics of it) ...
      cases.push({
        caller,
        operation: `${field} of ${code}`,
        expected: outcome(caller, allowed && !caller.screenDocumentsOnly),
        run: async (env, expected) => {
          const query = `query($code: ID!) { region(code: $code) { ${field} { ${selection} } } }`;
          const { at, value } = await readSteadily(await env.dueTimes(subgraph), () => env.system.query(query, { code }, env.auth.get(caller)!.http));
          if (expected !== 'answer') return expectRefused(value, expected);
          expect(value.errors).toBeUndefined();
          expect(value.data.region[field]).toEqual(await env.stats(subgraph, code, at));
        },
      });
      // ... and straight from the subgraph, as `_entities` with the identity the gateway forwards.
      cases.push({
        caller,
        operation: `_entities Region ${code} ${field} in ${subgraph}`,
        expected: outcome(caller, allowed),
        run: async (env, expected) => {
          const query = `query($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { ${field} { ${selection} } } } }`;
          const { at, value } = await readSteadily(await env.dueTimes(subgraph), () =>
            callSubgraph(env.url(subgraph), env.auth.get(caller)!.forwarded, query, { code }, env.system.config.internalSecret),
          );
          if (expected !== 'answer') {
            expectRefused(value, expected);
            return expect(value.data?._entities?.[0]?.[field] ?? null).toBeNull();
          }
          expect(value.errors).toBeUndefined();
          expect(value.data._entities[0][field]).toEqual(await env.stats(subgraph, code, at));
        },
      });
    }
  }
  for (const kind of ALL) {
    const { typename, subgraph, byId, list, filter } = ITEMS[kind];
    for (const inside of [true, false]) {
      const allowed = inside && caller.reads.includes(kind);
      cases.push({
        caller,
        operation: `${byId}(id) ${inside ? 'in' : 'out of'} scope`,
        expected: outcome(caller, allowed),
        run: async (env, expected) => {
          const item = await itemFor(env, caller, kind, inside);
          const result = await env.system.query(`query($id: ID!) { item: ${byId}(id: $id) { id } }`, { id: item.id }, env.auth.get(caller)!.http);
          if (expected !== 'answer') return expectRefused(result, expected, item.id);
          expect(result.errors).toBeUndefined();
          expect(result.data.item).toEqual({ id: item.id });
        },
      });
      cases.push({
        caller,
        operation: `_entities ${typename} ${inside ? 'in' : 'out of'} scope`,
        expected: outcome(caller, allowed),
        run: async (env, expected) => {
          const item = await itemFor(env, caller, kind, inside);
          const query = `query($id: ID!) { _entities(representations: [{ __typename: "${typename}", id: $id }]) { ... on ${typename} { id } } }`;
          const result = await callSubgraph(env.url(subgraph), env.auth.get(caller)!.forwarded, query, { id: item.id }, env.system.config.internalSecret);
          if (expected !== 'answer') {
            expectRefused(result, expected, item.id);
            return expect(result.data?._entities ?? [null]).toEqual([null]);
          }
          expect(result.errors).toBeUndefined();
          expect(result.data._entities).toEqual([{ id: item.id }]);
        },
      });
    }
    for (const regionCode of [null, LINJIANG, CHENGNAN]) {
      const allowed = caller.reads.includes(kind) && (regionCode === null || inScope(regionCode, ownRegion));
      cases.push({
        caller,
        operation: `${list}(${regionCode ? `regionCode: ${regionCode}` : ''}) with its totalCount`,
        expected: outcome(caller, allowed),
        run: async (env, expected) => {
          const query = `query($filter: ${filter}, $after: String) { list: ${list}(filter: $filter, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
          const variables = { filter: regionCode ? { regionCode } : null };
          if (expected !== 'answer') return expectRefused(await env.system.query(query, variables, env.auth.get(caller)!.http), expected);
          const { nodes, totalCount } = await allPages<{ id: string }>(async (after) => {
            const result = await env.system.query(query, { ...variables, after }, env.auth.get(caller)!.http);
            expect(result.errors).toBeUndefined();
            return result.data.list;
          });
          const expectedIds = (await env.items(kind)).filter((i) => visible(caller, i) && (!regionCode || inScope(i.regionCode, regionCode))).map((i) => i.id);
          expect(totalCount).toBe(expectedIds.length);
          expect(nodes.map((n) => n.id).sort()).toEqual(expectedIds.sort());
        },
      });
    }
  }
  for (const subgraph of Object.keys(WRITES) as Subgraph[]) {
    for (const regionCode of [JIANGBIN, '990103001']) {
      const { mutation, input, entity } = WRITES[subgraph];
      cases.push({
        caller,
        operation: `${subgraph} write in ${regionCode}`,
        expected: outcome(caller, caller.writes.includes(subgraph) && inScope(regionCode, ownRegion)),
        run: async (env, expected) => {
          const repository = env.dataSource(subgraph).getRepository(entity);
          const before = await repository.count();
          const result = await env.system.query(mutation, { input: input(regionCode) }, env.auth.get(caller)!.http);
          if (expected !== 'answer') {
            expectRefused(result, expected);
            return expect(await repository.count()).toBe(before);
          }
          expect(result.errors).toBeUndefined();
          expect(await repository.findOneBy({ id: result.data.result.id })).toMatchObject({ regionCode });
        },
      });
    }
  }
  // 转办 of an enterprise demand (the steering step of its closed loop), on a fresh one each time.
  for (const regionCode of [JIANGBIN, '990103001']) {
    cases.push({
      caller,
      operation: `actOnDemand DISPATCH in ${regionCode}`,
      expected: outcome(caller, Boolean(caller.steersDemands) && inScope(regionCode, ownRegion)),
      run: async (env, expected) => {
        const manager = env.dataSource('enterprise-service').manager;
        const enterprise = await manager.findOneByOrFail(Enterprise, { regionCode });
        const id = stableId(`matrix:dispatch:${caller.name}:${regionCode}`);
        await manager.insert(Demand, { ...demand(id, enterprise.id, regionCode, null), status: DispatchStatus.AWAITING_DISPATCH });
        const result = await env.system.query(
          'mutation($input: ActOnDemandInput!) { actOnDemand(input: $input) { status } }',
          { input: { id, action: 'DISPATCH', expectedVersion: 1, unitId: stableId('990102-market') } },
          env.auth.get(caller)!.http,
        );
        if (expected !== 'answer') {
          expectRefused(result, expected);
          expect(await manager.findOneByOrFail(Demand, { id })).toMatchObject({ status: DispatchStatus.AWAITING_DISPATCH, version: 1, unitId: null });
          return expect(await manager.countBy(DemandTimelineEntry, { demandId: id })).toBe(0);
        }
        expect(result.errors).toBeUndefined();
        expect(result.data.actOnDemand).toEqual({ status: 'DISPATCHED' });
      },
    });
  }
  // The screen's own subscriptions, as the dashboard sends them.
  for (const [subscription, document, variable] of [['regionStats', 'ScreenRegion', 'code'], ['dispatchEvents', 'ScreenDispatchFeed', 'regionCode']] as const) {
    for (const code of [ownRegion, CHENGNAN]) {
      cases.push({
        caller,
        operation: `subscription ${subscription}(${code})`,
        expected: outcome(caller, caller.stats && inScope(code, ownRegion)),
        run: async (env, expected) => {
          const client = env.system.subscribe(env.auth.get(caller)!.ws);
          const frames: any[] = [];
          let closedWith = 0;
          client.on('closed', (event: any) => (closedWith = event.code));
          const stop = client.subscribe(
            { query: SCREEN_DOCUMENTS[document], variables: { [variable]: code } },
            { next: (frame) => frames.push(frame), error: (errors) => frames.push({ errors }), complete: () => {} },
          );
          try {
            if (expected === 'UNAUTHENTICATED') return void expect(await eventually(() => closedWith)).toBe(4403);
            const frame = await eventually(() => frames[0]);
            if (expected === 'FORBIDDEN') {
              expect(frame.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
              return expect(frame.data?.[subscription] ?? null).toBeNull();
            }
            expect(frame.errors).toBeUndefined();
            if (subscription === 'dispatchEvents') return expect(frame.data.dispatchEvents.reset).toBe(true);
            // The numbers that do not move with the clock: the same as the rows say.
            const { complaintStats, taskStats, serviceStats } = frame.data.regionStats;
            expect([complaintStats.total, taskStats.total, serviceStats.enterprises]).toEqual([
              (await env.stats('complaints', code, Date.now())).total,
              (await env.stats('tasks', code, Date.now())).total,
              (await env.stats('enterprise-service', code, Date.now())).enterprises,
            ]);
          } finally {
            stop();
            await client.dispose();
          }
        },
      });
    }
  }
  return cases;
}

const CASES = CALLERS.flatMap(casesFor);

describe.each(await databaseTargets())('scope matrix through the gateway on $name', ({ create }) => {
  let target: DatabaseTarget;
  const env = { auth: new Map() } as Env;

  beforeAll(async () => {
    target = create();
    env.system = await startTestSystem(target);
    const subgraph = (name: Subgraph) => env.system.subgraphs.find((s) => s.name === name)!;
    env.dataSource = (name) => subgraph(name).dataSource;
    env.url = (name) => subgraph(name).url;
    await signIn(env);
    await addFixtures(env);
    env.items = (kind) => loadItems(env, kind);
    env.dueTimes = (name) => dueTimes(env, name);
    env.stats = (name, root, at) => countStats(env, name, root, at);
  });

  afterAll(async () => {
    await env.system?.stop();
    await target?.dispose();
  });

  it.each(CASES)('$caller.name: $operation → $expected', ({ run, expected }) => run(env, expected));
});

async function signIn(env: Env): Promise<void> {
  const { system } = env;
  const security = await system.login('security');
  for (const caller of CALLERS) {
    if (caller.credentials === null) {
      env.auth.set(caller, { forwarded: null });
    } else if ('apiKey' in caller.credentials) {
      const { apiKey } = caller.credentials;
      const key = apiKey === 'demo' ? demoApiKey(system.config.authSecret) : await createApiKey(system, security, caller.region, apiKey);
      const headers = { 'x-api-key': key };
      const { data } = await system.query('{ viewer { id name roles regionCode permissions } }', {}, headers);
      env.auth.set(caller, { http: headers, ws: headers, forwarded: { ...data.viewer } });
    } else {
      const token = await system.login(caller.credentials.login);
      env.auth.set(caller, { http: token, ws: token, forwarded: await verifySessionToken(token, system.config.authSecret) });
    }
  }
  // The table's regions are the accounts' own: a row that drifted from the seed would test nothing.
  for (const caller of CALLERS.filter((c) => c.credentials !== null)) {
    const forwarded = env.auth.get(caller)!.forwarded!;
    expect(forwarded.regionCode, caller.name).toBe(caller.region);
    if (caller.unitKey) expect(forwarded.unitId, caller.name).toBe(stableId(caller.unitKey));
  }
}

async function createApiKey(system: TestSystem, security: string, regionCode: string, scopes: string[]): Promise<string> {
  const created = await system.query(
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }',
    { input: { name: '权限矩阵测试', regionCode, scopes } },
    security,
  );
  expect(created.errors).toBeUndefined();
  return created.data.createApiKey.key;
}

/**
 * Items every row needs whatever the seed drew: each unit operator's own complaint, task and
 * demand, and one of each in another city, outside even the city callers' scope.
 */
async function addFixtures(env: Env): Promise<void> {
  const { system } = env;
  const signedIn = (login: string) => env.auth.get(CALLERS.find((c) => c.credentials && 'login' in c.credentials && c.credentials.login === login)!)!.http;
  const hotline = signedIn('hotline');
  const supervisor = signedIn('supervisor');
  for (const [regionCode, unitKey] of [[JIANGBIN, '990102-market'], ['990103001', 'city-tax']]) {
    const unitId = stableId(unitKey);
    const received = await system.query(WRITES.complaints.mutation, { input: WRITES.complaints.input(regionCode) }, hotline);
    const dispatched = await system.query(
      'mutation($input: DispatchComplaintInput!) { dispatchComplaint(input: $input) { id } }',
      { input: { id: received.data.result.id, unitId, expectedVersion: 1 } },
      hotline,
    );
    expect(dispatched.errors).toBeUndefined();
    const task = await system.query(WRITES.tasks.mutation, { input: { ...WRITES.tasks.input(regionCode), leadUnitId: unitId } }, supervisor);
    expect(task.errors).toBeUndefined();
    const enterprise = await env.dataSource('enterprise-service').getRepository(Enterprise).findOneByOrFail({ regionCode });
    await env.dataSource('enterprise-service').getRepository(Demand).insert(demand(stableId(`matrix:demand:${unitKey}`), enterprise.id, regionCode, unitId));
  }
  const now = new Date();
  const elsewhere = { regionCode: ELSEWHERE, unitId: stableId('city-market') };
  await env.dataSource('complaints').getRepository(Complaint).insert({
    id: stableId('matrix:complaint:elsewhere'), channel: 'WECHAT' as Complaint['channel'], category: 'OTHER' as Complaint['category'], title: '外市投诉', content: '外市投诉',
    ...elsewhere, receivedAt: now, replyDueAt: now, closeDueAt: now, deadlineProvisional: false, dueAt: now, dispatchStatus: DispatchStatus.DISPATCHED, version: 1,
  });
  await rebuildTally(env.dataSource('complaints').manager);
  await env.dataSource('tasks').getRepository(SupervisedTask).insert({
    id: stableId('matrix:task:elsewhere'), number: 901, title: '外市任务', leadUnitId: elsewhere.unitId, regionCode: ELSEWHERE, deadline: now, status: TaskStatus.IN_PROGRESS, version: 1,
  });
  const enterpriseId = stableId('matrix:enterprise:elsewhere');
  await env.dataSource('enterprise-service').getRepository(Enterprise).insert({ id: enterpriseId, creditCode: newCreditCode('990201'), name: '外市企业有限公司', regionCode: ELSEWHERE, isKey: false });
  await env.dataSource('enterprise-service').getRepository(Demand).insert(demand(stableId('matrix:demand:elsewhere'), enterpriseId, ELSEWHERE, elsewhere.unitId));
}

function demand(id: string, enterpriseId: string, regionCode: string, unitId: string | null): Demand {
  const raisedAt = new Date();
  return { id, enterpriseId, title: '用电报装', regionCode, unitId, raisedAt, ...demandDeadlines(raisedAt), status: DispatchStatus.DISPATCHED, version: 1, reply: null, satisfaction: null };
}

async function loadItems(env: Env, kind: Kind): Promise<Item[]> {
  const rows = (entity: Function) => env.dataSource(ITEMS[kind].subgraph).getRepository(entity).find() as Promise<any[]>;
  if (kind === 'complaint') return (await rows(Complaint)).map((c: Complaint) => ({ id: c.id, regionCode: c.regionCode, units: c.unitId ? [c.unitId] : [] }));
  if (kind === 'task') {
    // Every unit of a task, lead or co-responsible, reads it.
    const taskUnits: SupervisedTaskUnit[] = await rows(SupervisedTaskUnit);
    return (await rows(SupervisedTask)).map((t: SupervisedTask) => ({ id: t.id, regionCode: t.regionCode, units: taskUnits.filter((u) => u.taskId === t.id).map((u) => u.unitId) }));
  }
  const demands: Demand[] = await rows(Demand);
  if (kind === 'demand') return demands.map((d) => ({ id: d.id, regionCode: d.regionCode, units: d.unitId ? [d.unitId] : [] }));
  return (await rows(Enterprise)).map((e: Enterprise) => ({
    id: e.id,
    regionCode: e.regionCode,
    units: demands.filter((d) => d.enterpriseId === e.id && d.unitId).map((d) => d.unitId!),
  }));
}

async function dueTimes(env: Env, subgraph: Subgraph): Promise<number[]> {
  if (subgraph === 'complaints') return (await env.dataSource(subgraph).getRepository(Complaint).find()).map((c) => c.dueAt.getTime());
  if (subgraph === 'tasks') return (await env.dataSource(subgraph).getRepository(SupervisedTask).find()).map((t) => t.deadline.getTime());
  return (await env.dataSource(subgraph).getRepository(Demand).find()).map((d) => d.dueAt.getTime());
}

/** A region's statistics counted from the rows themselves. */
async function countStats(env: Env, subgraph: Subgraph, root: string, at: number): Promise<Record<string, number>> {
  const repository = (entity: Function) => env.dataSource(subgraph).getRepository(entity);
  if (subgraph === 'complaints') {
    const rows = ((await repository(Complaint).find()) as Complaint[]).filter((c) => inScope(c.regionCode, root));
    const open = rows.filter((c) => c.dispatchStatus !== DispatchStatus.CLOSED);
    return { total: rows.length, open: open.length, overdue: open.filter((c) => c.dueAt.getTime() < at).length };
  }
  if (subgraph === 'tasks') {
    const rows = ((await repository(SupervisedTask).find()) as SupervisedTask[]).filter((t) => inScope(t.regionCode, root));
    const open = rows.filter((t) => t.status === TaskStatus.IN_PROGRESS);
    return { total: rows.length, open: open.length, overdue: open.filter((t) => t.deadline.getTime() < at).length };
  }
  const enterprises = ((await repository(Enterprise).find()) as Enterprise[]).filter((e) => inScope(e.regionCode, root));
  const open = ((await repository(Demand).find()) as Demand[]).filter((d) => inScope(d.regionCode, root) && d.status !== DispatchStatus.CLOSED);
  return { enterprises: enterprises.length, openDemands: open.length, overdueDemands: open.filter((d) => d.dueAt.getTime() < at).length };
}
