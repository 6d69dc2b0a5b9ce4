/**
 * Every mutation of the composed supergraph, sent malformed and hostile input through the gateway:
 * each call is refused with a stable code and a clean message, and afterwards every subgraph's
 * database holds what it held before and the event stream carried nothing. The cases are
 * generated from the committed supergraph, so a new mutation is covered without editing this file.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { REPO_ROOT } from '@bizenv/common/config';
import type { DomainEvent } from '@bizenv/common/event-bus';
import { type DatabaseTarget, databaseTargets } from '@bizenv/common/testing';
import { Complaint } from '@bizenv/complaints/complaint/complaint.entity';
import { Demand } from '@bizenv/enterprise-service/demand/demand.entity';
import { Enterprise } from '@bizenv/enterprise-service/enterprise/enterprise.entity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedCases, publicMutations, readApiSchema, type HostileCase } from './support/hostile-values.js';
import { startTestSystem, type TestSystem } from './support/system.js';

type DataSource = TestSystem['subgraphs'][number]['dataSource'];

const MUTATIONS = publicMutations(readApiSchema(resolve(REPO_ROOT, 'schema/supergraph.graphql')));
/** Who tries a mutation's cases: the first of these it does not refuse outright (三员分立 splits the writes). */
const CALLERS = ['admin', 'security', 'inspector', 'hotline'];
const LINJIANG = '990102';
/** Cases sent at once; sign-in hashes each password, so a few at a time. */
const BATCH: Record<string, number> = { login: 2 };
const CHENGNAN = '990103';

/**
 * What moves without any write: the organization's audit log (failed sign-ins and refused calls are
 * audited by design) and the deadline watchers' clock-driven watermarks.
 */
const BOOKKEEPING = new Set<string>(['organization.audit_log', 'organization.audit_head', 'complaints.deadline_watermark', 'tasks.deadline_watermark', 'enterprise-service.deadline_watermark']);

/** Hand-written cases the schema cannot suggest: another region's items, domain rules. */
interface DomainCase extends HostileCase {
  login: string;
}

async function domainCases(system: TestSystem): Promise<DomainCase[]> {
  const complaints = system.subgraphs.find((s) => s.name === 'complaints')!.dataSource;
  const enterprises = system.subgraphs.find((s) => s.name === 'enterprise-service')!.dataSource;
  const chengnanDemand = await enterprises.getRepository(Demand).createQueryBuilder('d').where('d.regionCode LIKE :r', { r: `${CHENGNAN}%` }).getOneOrFail();
  const chengnanEnterprise = await enterprises.getRepository(Enterprise).createQueryBuilder('e').where('e.regionCode LIKE :r', { r: `${CHENGNAN}%` }).getOneOrFail();
  const complaint = await complaints.getRepository(Complaint).findOneByOrFail({});
  const receive = 'mutation($input: ReceiveComplaintInput!) { result: receiveComplaint(input: $input) { id } }';
  const complaintInput = { channel: 'WECHAT', category: 'OTHER', title: '敌意输入测试', content: '敌意输入测试', regionCode: LINJIANG };
  const task = 'mutation($input: CreateSupervisedTaskInput!) { result: createSupervisedTask(input: $input) { id } }';
  const taskInput = { number: 9001, title: '敌意输入测试', leadUnitId: complaint.unitId ?? chengnanDemand.unitId, regionCode: LINJIANG, deadline: '2099-12-31' };
  return [
    {
      mutation: 'actOnDemand', login: 'linjiang.ambassador', label: "a district ambassador closes another district's demand",
      document: 'mutation($input: ActOnDemandInput!) { result: actOnDemand(input: $input) { id } }',
      variables: { input: { id: chengnanDemand.id, action: 'REJECT', reason: '不属于本区', expectedVersion: chengnanDemand.version } },
    },
    {
      mutation: 'recordVisit', login: 'linjiang.ambassador', label: "a district ambassador records a visit to another district's enterprise",
      document: 'mutation($input: RecordVisitInput!) { result: recordVisit(input: $input) { id } }',
      variables: { input: { enterpriseId: chengnanEnterprise.id, visitedAt: new Date().toISOString(), visitorIds: [], demands: [] } },
    },
    {
      mutation: 'updateEnterprise', login: 'linjiang.ambassador', label: "a district ambassador moves another district's enterprise into theirs",
      document: 'mutation($input: UpdateEnterpriseInput!) { result: updateEnterprise(input: $input) { id } }',
      variables: { input: { id: chengnanEnterprise.id, expectedVersion: chengnanEnterprise.version, regionCode: LINJIANG } },
    },
    {
      mutation: 'registerEnterprise', login: 'linjiang.ambassador', label: 'a district ambassador registers an enterprise in another district',
      document: 'mutation($input: RegisterEnterpriseInput!) { result: registerEnterprise(input: $input) { id } }',
      variables: { input: { creditCode: '91350100M000100Y43', name: '敌意输入测试有限公司', regionCode: CHENGNAN } },
    },
    { mutation: 'receiveComplaint', login: 'hotline', label: "another city's region", document: receive, variables: { input: { ...complaintInput, regionCode: '990201001' } } },
    { mutation: 'receiveComplaint', login: 'hotline', label: 'received in the future', document: receive, variables: { input: { ...complaintInput, receivedAt: '2999-01-01T00:00:00.000Z' } } },
    { mutation: 'receiveComplaint', login: 'hotline', label: 'received in 1900', document: receive, variables: { input: { ...complaintInput, receivedAt: '1900-01-01T00:00:00.000Z' } } },
    { mutation: 'createSupervisedTask', login: 'supervisor', label: 'deadline 10000-01-01', document: task, variables: { input: { ...taskInput, deadline: '10000-01-01' } } },
    { mutation: 'createSupervisedTask', login: 'supervisor', label: 'deadline 2026-02-30', document: task, variables: { input: { ...taskInput, deadline: '2026-02-30' } } },
    { mutation: 'createSupervisedTask', login: 'supervisor', label: 'task number 0', document: task, variables: { input: { ...taskInput, number: 0 } } },
  ];
}

/** Row count and a checksum of every row of every table but the bookkeeping ones. */
async function snapshot(system: TestSystem): Promise<Record<string, string>> {
  const tables: Record<string, string> = {};
  for (const { name, dataSource } of system.subgraphs) {
    for (const table of await tableNames(dataSource)) {
      if (BOOKKEEPING.has(`${name}.${table}`)) continue;
      const rows = (await dataSource.query(`SELECT * FROM ${dataSource.driver.escape(table)}`)) as object[];
      const lines = rows.map((row) => JSON.stringify(row)).sort();
      tables[`${name}.${table}`] = `${rows.length} rows ${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
    }
  }
  return tables;
}

async function tableNames(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type === 'mysql') return ((await dataSource.query('SHOW TABLES')) as object[]).map((row) => Object.values(row)[0] as string);
  return ((await dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table'")) as { name: string }[]).map((row) => row.name);
}

/** What a caller may rely on: an error, a stable code other than INTERNAL_SERVER_ERROR, nothing about the machinery. */
function problemsWith(label: string, answer: { data?: any; errors?: any[] }): string[] {
  if (!answer.errors?.length || answer.data?.result) return [`${label}: accepted ${JSON.stringify(answer.data)}`];
  return answer.errors.flatMap((error) => {
    const code = error.extensions?.code;
    if (typeof code !== 'string' || !/^[A-Z_]+$/.test(code) || code === 'INTERNAL_SERVER_ERROR') return [`${label}: ${code} ${error.message}`];
    if (error.extensions.stacktrace || /\b(SELECT|INSERT|UPDATE|DELETE)\b|ER_|SQLITE|QueryFailedError|TypeORM|\.ts:\d+|\n\s+at /i.test(error.message)) {
      return [`${label}: leaks ${error.message}`];
    }
    return [];
  });
}

describe.each(await databaseTargets())('hostile input to every mutation on $name', ({ create }) => {
  let target: DatabaseTarget;
  let system: TestSystem;
  const tokens = new Map<string, string>();
  let before: Record<string, string>;
  const events: DomainEvent[] = [];
  let stopListening = () => {};

  beforeAll(async () => {
    target = create();
    system = await startTestSystem(target, { rateLimitPerMinute: 1_000_000 });
    for (const login of [...CALLERS, 'linjiang.ambassador', 'supervisor']) tokens.set(login, await system.login(login));
    before = await snapshot(system);
    stopListening = system.bus.subscribe((event) => events.push(event));
  });

  afterAll(async () => {
    stopListening();
    await system?.stop();
    await target?.dispose();
  });

  it.each(MUTATIONS.map((field) => ({ name: field.name, field })))('$name refuses every hostile input cleanly', async ({ field }) => {
    const cases = generatedCases(field);
    expect(cases.length, `${field.name} has no hostile cases`).toBeGreaterThan(0);
    // The first caller the mutation does not refuse outright, so the input itself is what gets checked.
    let login = CALLERS[0];
    for (const candidate of CALLERS) {
      login = candidate;
      const answer = await system.query(cases[0].document, cases[0].variables, tokens.get(candidate));
      if (answer.errors?.[0]?.extensions?.code !== 'FORBIDDEN') break;
    }
    const answers = await inBatches(cases, (c) => system.query(c.document, c.variables, tokens.get(login)), BATCH[field.name]);
    expect(cases.flatMap((c, i) => problemsWith(`${field.name} as ${login}, ${c.label}`, answers[i]))).toEqual([]);
  });

  it('refuses the hand-written domain cases cleanly', async () => {
    const problems: string[] = [];
    for (const c of await domainCases(system)) {
      problems.push(...problemsWith(`${c.mutation} as ${c.login}: ${c.label}`, await system.query(c.document, c.variables, tokens.get(c.login))));
    }
    expect(problems).toEqual([]);
  });

  it('left every database as it was and published no event', async () => {
    expect(await snapshot(system)).toEqual(before);
    expect(events.map((e) => `${e.source} ${e.topic}`)).toEqual([]);
  });
});

async function inBatches<T, R>(items: T[], run: (item: T) => Promise<R>, size = 16): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return results;
}
