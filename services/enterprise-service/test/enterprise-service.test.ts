import { randomInt, randomUUID } from 'node:crypto';
import { Role, signGatewayToken, type Caller } from '@bizenv/common/auth';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { DEMO_CITY_CODE, DEMO_REGIONS } from '@bizenv/common/demo-city';
import type { DomainEvent } from '@bizenv/common/event-bus';
import { OutboxEvent } from '@bizenv/common/outbox-event.entity';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, eventually, readSteadily, startTestSubgraph } from '@bizenv/common/testing';
import { IsNull } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseServiceDeps } from '../src/context.js';
import { Demand } from '../src/demand/demand.entity.js';
import { demandDeadlines } from '../src/demand/demand-deadline.js';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, validateCreditCode } from '@bizenv/common/credit-code';
import { Enterprise } from '../src/enterprise/enterprise.entity.js';
import { enterpriseServiceSubgraph } from '../src/subgraph.js';

const cityAmbassador: Caller = { id: 'amb-1', name: '市服务大使', roles: [Role.SERVICE_AMBASSADOR], regionCode: '990100' };
const linjiangAmbassador: Caller = { id: 'amb-2', name: '临江区服务大使', roles: [Role.SERVICE_AMBASSADOR], regionCode: '990102' };
const screen: Caller = { id: 'screen-1', name: '指挥中心大屏', roles: [Role.SCREEN], regionCode: '990100' };
const citySupervisor: Caller = { id: 'sup-1', name: '市督查员', roles: [Role.SUPERVISOR], regionCode: '990100' };
const UNIT = '8a3f1c2e-0000-5000-a000-000000000001';
const DISTRICTS = DEMO_REGIONS.filter((r) => r.parentCode === DEMO_CITY_CODE).map((r) => r.code);

const REGISTER = `mutation($input: RegisterEnterpriseInput!) {
  registerEnterprise(input: $input) { id creditCode name isKey region { code } }
}`;
const ENTERPRISE = `query($id: ID!) { enterprise(id: $id) { id creditCode name } }`;
const DEMAND = `query($id: ID!) { demand(id: $id) { id status overdue enterprise { id } region { code } } }`;
const STATS = `query($code: ID!) {
  _entities(representations: [{ __typename: "Region", code: $code }]) {
    ... on Region { serviceStats { enterprises openDemands overdueDemands } }
  }
}`;

/** A fresh, valid code of a company registered in `district`, check character computed by the subgraph's own rule. */
function newCreditCode(district = '990102'): string {
  const body = Array.from({ length: 7 }, () => CREDIT_CODE_CHARSET[randomInt(CREDIT_CODE_CHARSET.length)]).join('');
  const first17 = `91${district}MA${body}`;
  return first17 + creditCodeCheckChar(first17);
}

/** What a Chinese input method produces: full-width letters and digits. */
const fullWidth = (text: string) => text.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const input = (overrides: Record<string, unknown> = {}) => ({
  creditCode: newCreditCode(),
  name: '江湾市临江宏达精密机械有限公司',
  regionCode: '990102001',
  ...overrides,
});

function helpers(get: () => RunningSubgraph<EnterpriseServiceDeps>) {
  const stats = async (code: string, caller: Caller = cityAmbassador) =>
    (await callSubgraph(get().url, caller, STATS, { code })).data?._entities[0].serviceStats;
  /** Every committed event has reached the bus: nothing still on its way can be mistaken for a new one. */
  const outboxDrained = () => eventually(async () => (await get().dataSource.getRepository(OutboxEvent).countBy({ publishedAt: IsNull() })) === 0);
  return { stats, outboxDrained };
}

describe.each(await databaseTargets())('enterprise-service subgraph on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<EnterpriseServiceDeps>;
  const events: DomainEvent[] = [];
  const { stats, outboxDrained } = helpers(() => subgraph);

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(enterpriseServiceSubgraph(), target, events, false);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const register = (overrides: Record<string, unknown> = {}, caller: Caller = cityAmbassador) =>
    callSubgraph(subgraph.url, caller, REGISTER, { input: input(overrides) });
  const stored = (creditCode: string) => subgraph.dataSource.getRepository(Enterprise).countBy({ creditCode });
  const registeredEvents = (creditCode: string) => events.filter((e) => e.topic === 'enterprise.registered' && e.payload.creditCode === creditCode);

  it('registers an enterprise, counts it in its town, district and city but not in a sibling, and publishes it', async () => {
    const codes = ['990102001', '990102', '990100', '990102002', '990103'];
    const before = await Promise.all(codes.map((code) => stats(code)));
    const creditCode = newCreditCode();
    const result = await register({ creditCode, isKey: true });
    expect(result.errors).toBeUndefined();
    const enterprise = result.data.registerEnterprise;
    expect(enterprise).toMatchObject({ creditCode, name: '江湾市临江宏达精密机械有限公司', isKey: true, region: { code: '990102001' } });
    const after = await Promise.all(codes.map((code) => stats(code)));
    for (const i of [0, 1, 2]) expect(after[i]).toEqual({ ...before[i], enterprises: before[i].enterprises + 1 });
    expect(after[3]).toEqual(before[3]);
    expect(after[4]).toEqual(before[4]);
    await eventually(() => registeredEvents(creditCode).length > 0);
    expect(registeredEvents(creditCode)[0]).toMatchObject({ source: 'enterprise-service', regionCode: '990102001', payload: { id: enterprise.id, isKey: true } });
    expect((await callSubgraph(subgraph.url, cityAmbassador, ENTERPRISE, { id: enterprise.id })).data.enterprise).toEqual({
      id: enterprise.id, creditCode, name: enterprise.name,
    });
  });

  it('stores the canonical code of one typed with spaces, lowercase and full-width characters, and then knows it as a duplicate', async () => {
    const creditCode = newCreditCode('990104');
    const typed = ` ${fullWidth(creditCode.toLowerCase())}\n`;
    const result = await register({ creditCode: typed, regionCode: '990104001' });
    expect(result.errors).toBeUndefined();
    expect(result.data.registerEnterprise.creditCode).toBe(creditCode);
    expect(result.data.registerEnterprise.isKey).toBe(false);
    const again = await register({ creditCode, regionCode: '990104002', name: '另一家公司' });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'creditCode' });
    expect(await stored(creditCode)).toBe(1);
  });

  it('refuses a code with a wrong check character (CHECK) or the wrong shape (SHAPE), and other bad input, storing and publishing nothing', async () => {
    await outboxDrained();
    const before = await stats('990100');
    const enterprises = await subgraph.dataSource.getRepository(Enterprise).count();
    const outboxRows = await subgraph.dataSource.getRepository(OutboxEvent).count();
    const eventCount = events.length;
    const valid = newCreditCode();
    const wrongCheck = valid.slice(0, 17) + CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(valid[17]) + 1) % CREDIT_CODE_CHARSET.length];
    for (const [creditCode, reason] of [
      ['91350100M0001TGQXM', 'CHECK'],
      [wrongCheck, 'CHECK'],
      [valid.slice(0, 17), 'SHAPE'],
      [`${valid}0`, 'SHAPE'],
      [`${valid.slice(0, 10)}I${valid.slice(11)}`, 'SHAPE'],
      [`${valid.slice(0, 10)}O${valid.slice(11)}`, 'SHAPE'],
      ['9199010-MA1234567X', 'SHAPE'],
      ['', 'SHAPE'],
    ] as const) {
      const result = await register({ creditCode });
      expect(result.errors?.[0].extensions, creditCode).toMatchObject({ code: 'INVALID_CREDIT_CODE', field: 'creditCode', reason });
      expect(result.data).toBeNull();
    }
    for (const [bad, field] of [
      [{ name: '   ' }, 'name'],
      [{ name: '企'.repeat(201) }, 'name'],
      [{ name: 'a\u0007b' }, 'name'],
      [{ regionCode: '99010' }, 'regionCode'],
    ] as const) {
      const result = await register(bad);
      expect(result.errors?.[0].extensions, JSON.stringify(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await stored(valid)).toBe(0);
    expect(await stats('990100')).toEqual(before);
    expect(await subgraph.dataSource.getRepository(Enterprise).count()).toBe(enterprises);
    expect(await subgraph.dataSource.getRepository(OutboxEvent).count()).toBe(outboxRows);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events.length).toBe(eventCount);
  });

  it('refuses a code already registered without revealing the enterprise that holds it', async () => {
    const creditCode = newCreditCode();
    const first = (await register({ creditCode })).data.registerEnterprise;
    const before = await stats('990100');
    const duplicate = await register({ creditCode, regionCode: '990103001', name: '江湾市城南华瑞物流有限公司' });
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'creditCode' });
    expect(JSON.stringify(duplicate)).not.toContain(first.id);
    expect(JSON.stringify(duplicate)).not.toContain('990102');
    expect(await stats('990100')).toEqual(before);
    await outboxDrained();
    expect(registeredEvents(creditCode)).toHaveLength(1);
  });

  it('lets exactly one of two concurrent registrations of one new code win; the other gets CONFLICT', async () => {
    const creditCode = newCreditCode();
    const before = await stats('990100');
    const results = await Promise.all([
      register({ creditCode, name: '江湾市临江联创电子科技有限公司' }),
      register({ creditCode, name: '江湾市城南联创电子科技有限公司', regionCode: '990103001' }),
    ]);
    const winners = results.filter((r) => r.data?.registerEnterprise);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(winners[0].data.registerEnterprise.creditCode).toBe(creditCode);
    expect(losers.map((r) => r.errors![0].extensions?.code)).toEqual(['CONFLICT']);
    expect(await stored(creditCode)).toBe(1);
    expect((await stats('990100')).enterprises).toBe(before.enterprises + 1);
    await eventually(() => registeredEvents(creditCode).length > 0);
    await outboxDrained();
    expect(registeredEvents(creditCode)).toHaveLength(1);
    expect(registeredEvents(creditCode)[0].payload.id).toBe(winners[0].data.registerEnterprise.id);
  });

  it('still registers a contested code exactly once when six requests race for it', async () => {
    const creditCode = newCreditCode('990121');
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => register({ creditCode, name: `江湾市青山天成食品有限公司${i}`, regionCode: '990121001' })));
    expect(results.filter((r) => r.data?.registerEnterprise)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code)).toEqual(Array(5).fill('CONFLICT'));
    expect(await stored(creditCode)).toBe(1);
    await outboxDrained();
    expect(registeredEvents(creditCode)).toHaveLength(1);
  });

  it('keeps a district ambassador inside their district', async () => {
    const own = await register({ regionCode: '990102003' }, linjiangAmbassador);
    expect(own.errors).toBeUndefined();
    expect(await stats('990102', linjiangAmbassador)).toEqual(await stats('990102'));
    const creditCode = newCreditCode('990103');
    const elsewhere = await register({ creditCode, regionCode: '990103001' }, linjiangAmbassador);
    expect(elsewhere.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await stored(creditCode)).toBe(0);
    for (const code of ['990103', '990100', '990103001']) {
      const other = await callSubgraph(subgraph.url, linjiangAmbassador, STATS, { code });
      expect(other.errors?.[0].extensions?.code, code).toBe('FORBIDDEN');
      expect(other.data?._entities?.[0]?.serviceStats ?? null).toBeNull();
    }
    const foreign = (await register({ regionCode: '990103002' })).data.registerEnterprise;
    const read = await callSubgraph(subgraph.url, linjiangAmbassador, ENTERPRISE, { id: foreign.id });
    expect(read.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(read.data)).not.toContain(foreign.creditCode);
  });

  it('does not let a malformed region code widen a district caller to the city', async () => {
    // "9901020000" starts with the district's prefix but, read as a code, names the province.
    for (const code of ['9901020000', '99010200', '99010200100']) {
      const result = await callSubgraph(subgraph.url, linjiangAmbassador, STATS, { code });
      expect(result.errors?.[0].extensions, code).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
      expect(result.data?._entities?.[0]?.serviceStats ?? null).toBeNull();
    }
  });

  it('lets only a service ambassador register: a wall screen reads statistics, and neither it nor a supervisor registers', async () => {
    expect(await stats('990100', screen)).toEqual(await stats('990100'));
    for (const caller of [screen, citySupervisor]) {
      const creditCode = newCreditCode();
      const result = await register({ creditCode }, caller);
      expect(result.errors?.[0].extensions?.code, caller.name).toBe('FORBIDDEN');
      expect(await stored(creditCode)).toBe(0);
    }
  });

  it('answers NOT_FOUND for a demand or an enterprise that does not exist', async () => {
    for (const query of [DEMAND, ENTERPRISE]) {
      expect((await callSubgraph(subgraph.url, cityAmbassador, query, { id: randomUUID() })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('refuses a request that did not come through the gateway, and one signed with another key', async () => {
    const unsigned = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: STATS, variables: { code: '990100' } }),
    });
    expect(unsigned.status).toBe(401);
    expect(JSON.stringify(await unsigned.json())).not.toContain('serviceStats');
    const creditCode = newCreditCode();
    const forged = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gateway-auth': await signGatewayToken(cityAmbassador, new TextEncoder().encode('not-the-gateway-secret-0123456789abcdef')) },
      body: JSON.stringify({ query: REGISTER, variables: { input: input({ creditCode }) } }),
    });
    expect(forged.status).toBe(401);
    expect(await stored(creditCode)).toBe(0);
  });

  it('announces an open demand turning overdue when its deadline passes, and not a closed one', async () => {
    const enterpriseId = randomUUID();
    const open = randomUUID();
    const closed = randomUUID();
    const dueAt = new Date(Date.now() + 700);
    const demand = (id: string, status: DispatchStatus): Demand => ({
      id, enterpriseId, title: '用电增容报装进度缓慢', regionCode: '990104002', unitId: UNIT,
      raisedAt: new Date(), ...demandDeadlines(new Date()), replyDueAt: dueAt, dueAt, status, version: 1, reply: null, satisfaction: null,
    });
    await subgraph.outbox.write(async (manager) => {
      await manager.insert(Enterprise, { id: enterpriseId, creditCode: newCreditCode('990104'), name: '江湾市新湖鑫源光电有限公司', regionCode: '990104002', isKey: false });
      await manager.insert(Demand, [demand(open, DispatchStatus.ACCEPTED), demand(closed, DispatchStatus.CLOSED)]);
    });
    const before = await stats('990104');
    await eventually(() => events.some((e) => e.topic === 'demand.overdue' && e.payload.id === open), 4000);
    const announcedAt = Date.now();
    expect(announcedAt - dueAt.getTime()).toBeLessThan(1000);
    expect(await stats('990104')).toEqual({ ...before, overdueDemands: before.overdueDemands + 1 });
    await outboxDrained();
    const overdue = events.filter((e) => e.topic === 'demand.overdue' && e.payload.id === open);
    expect(overdue).toHaveLength(1);
    expect(overdue[0].regionCode).toBe('990104002');
    expect(events.filter((e) => e.payload.id === closed)).toHaveLength(0);
    const read = await callSubgraph(subgraph.url, cityAmbassador, DEMAND, { id: open });
    expect(read.data.demand).toEqual({ id: open, status: DispatchStatus.ACCEPTED, overdue: true, enterprise: { id: enterpriseId }, region: { code: '990104002' } });
  });
});

describe.each(await databaseTargets())('enterprise-service subgraph seeded with the demo city on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<EnterpriseServiceDeps>;
  let startedAt: number;
  const events: DomainEvent[] = [];
  const { stats, outboxDrained } = helpers(() => subgraph);

  beforeAll(async () => {
    target = create();
    startedAt = Date.now();
    subgraph = await startTestSubgraph(enterpriseServiceSubgraph(), target, events, true);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const rows = async () => ({
    enterprises: await subgraph.dataSource.getRepository(Enterprise).find(),
    demands: await subgraph.dataSource.getRepository(Demand).find(),
  });
  const isOpen = (d: Demand) => d.status !== DispatchStatus.CLOSED;
  const isOverdue = (d: Demand, at: number) => isOpen(d) && d.dueAt.getTime() < at;

  /** Reads at a moment no seeded deadline passes, so the rows give one expected answer. */
  const steadily = <T>(demands: Demand[], read: () => Promise<T>) => readSteadily(demands.map((d) => d.dueAt.getTime()), read);

  it('counts the seeded enterprises and demands as the rows stand: overdue = open demands past their due time', async () => {
    const { enterprises, demands } = await rows();
    expect(enterprises).toHaveLength(80);
    expect(demands).toHaveLength(70);
    for (const code of [DEMO_CITY_CODE, ...DISTRICTS]) {
      const prefix = code === DEMO_CITY_CODE ? '9901' : code;
      const here = demands.filter((d) => d.regionCode.startsWith(prefix));
      const { at, value } = await steadily(demands, () => stats(code));
      expect(value, code).toEqual({
        enterprises: enterprises.filter((e) => e.regionCode.startsWith(prefix)).length,
        openDemands: here.filter(isOpen).length,
        overdueDemands: here.filter((d) => isOverdue(d, at)).length,
      });
    }
    // The seed leaves some demands overdue and some open but not yet due, so both counts are exercised.
    const now = Date.now();
    expect(demands.filter((d) => isOverdue(d, now)).length).toBeGreaterThan(0);
    expect(demands.filter((d) => isOpen(d) && !isOverdue(d, now)).length).toBeGreaterThan(0);
  });

  it('answers Query.demand for every seeded demand consistently with the rows and the overdue count', async () => {
    const { demands } = await rows();
    const query = `{ ${demands.map((d, i) => `d${i}: demand(id: "${d.id}") { id status dueAt overdue enterprise { id region { code } } region { code } }`).join(' ')} }`;
    const { at, value } = await steadily(demands, async () => ({
      read: await callSubgraph(subgraph.url, cityAmbassador, query),
      city: await stats(DEMO_CITY_CODE),
    }));
    expect(value.read.errors).toBeUndefined();
    demands.forEach((d, i) => {
      expect(value.read.data[`d${i}`]).toEqual({
        id: d.id,
        status: d.status,
        dueAt: d.dueAt.toISOString(),
        overdue: isOverdue(d, at),
        enterprise: { id: d.enterpriseId, region: { code: d.regionCode } },
        region: { code: d.regionCode },
      });
    });
    const answered = demands.map((_, i) => value.read.data[`d${i}`]);
    expect(answered.filter((d: { overdue: boolean }) => d.overdue).length).toBe(value.city.overdueDemands);
    expect(answered.filter((d: { status: string }) => d.status !== DispatchStatus.CLOSED).length).toBe(value.city.openDemands);
  });

  it('counts demands already overdue at start-up without announcing them', async () => {
    const { demands } = await rows();
    await outboxDrained();
    const overdueAtStart = demands.filter((d) => isOverdue(d, startedAt));
    expect(overdueAtStart.length).toBeGreaterThan(0);
    const announced = new Set(events.filter((e) => e.topic === 'demand.overdue').map((e) => e.payload.id));
    expect(overdueAtStart.filter((d) => announced.has(d.id))).toEqual([]);
  });

  it('shows a district ambassador their district’s seeded demands and no other', async () => {
    const { demands } = await rows();
    const own = demands.find((d) => d.regionCode.startsWith('990102'))!;
    const other = demands.find((d) => !d.regionCode.startsWith('990102'))!;
    expect((await callSubgraph(subgraph.url, linjiangAmbassador, DEMAND, { id: own.id })).data.demand).toMatchObject({ id: own.id, enterprise: { id: own.enterpriseId } });
    const foreign = await callSubgraph(subgraph.url, linjiangAmbassador, DEMAND, { id: other.id });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(foreign.data)).not.toContain(other.enterpriseId);
    expect(await stats('990102', linjiangAmbassador)).toEqual(await stats('990102'));
  });

  it('seeds valid, distinct credit codes, and only once', async () => {
    const { enterprises, demands } = await rows();
    expect(enterprises.every((e) => validateCreditCode(e.creditCode).ok)).toBe(true);
    expect(new Set(enterprises.map((e) => e.creditCode)).size).toBe(enterprises.length);
    await enterpriseServiceSubgraph().seed!(subgraph.dataSource, subgraph.deps);
    const again = await rows();
    expect(again.enterprises).toHaveLength(enterprises.length);
    expect(again.demands).toHaveLength(demands.length);
  });
});
