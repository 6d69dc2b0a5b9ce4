import { randomUUID } from 'node:crypto';
import { Role, type Caller } from '@bizenv/common/auth';
import { clockOffsetMs, now, setClockOffset } from '@bizenv/common/clock';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph } from '@bizenv/common/testing';
import { shanghaiDate } from '@bizenv/common/working-days';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseServiceDeps } from '../src/context.js';
import { demandDeadlines } from '../src/demand/demand-deadline.js';
import { Demand } from '../src/demand/demand.entity.js';
import { enterpriseServiceSubgraph } from '../src/subgraph.js';

const UNIT = '8a3f1c2e-0000-5000-a000-000000000001';
const ambassador: Caller = { id: 'amb-city', name: '市服务大使', roles: [Role.SERVICE_AMBASSADOR], regionCode: '990100' };
const handler: Caller = { id: 'handler-1', name: '承办人', roles: [Role.UNIT_HANDLER], regionCode: '990100', unitId: UNIT };
const screen: Caller = { id: 'screen-1', name: '大屏', roles: [Role.SCREEN], regionCode: '990100' };
const chengnanLeader: Caller = { id: 'leader-3', name: '城南区领导', roles: [Role.LEADER], regionCode: '990103' };
const DAY = 86_400_000;
const FIGURES = `query($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { demandsAtStartOfDay { at open overdue } serviceStats { openDemands overdueDemands } } } }`;

describe.each(await databaseTargets())('demands at 00:00 today on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<EnterpriseServiceDeps>;

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(enterpriseServiceSubgraph(), target, [], false);
  }, 60_000);

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  /** A demand raised 40 days ago in 江湾临港 (its reply deadline long passed). */
  async function oldDemand(title: string): Promise<Demand> {
    const raisedAt = new Date(now().getTime() - 40 * DAY);
    const demand = { id: randomUUID(), enterpriseId: randomUUID(), title, content: null, regionCode: '990172001', unitId: null, raisedAt, ...demandDeadlines(raisedAt), status: DispatchStatus.AWAITING_DISPATCH, version: 1, reply: null, satisfaction: null };
    await subgraph.dataSource.getRepository(Demand).insert(demand);
    return subgraph.dataSource.getRepository(Demand).findOneByOrFail({ id: demand.id });
  }

  async function handle(demand: Demand, close: boolean): Promise<Demand> {
    const act = async (caller: Caller, input: Record<string, unknown>) => (demand = await subgraph.deps.demands.act(caller, { id: demand.id, expectedVersion: demand.version, ...input } as never));
    await act(ambassador, { action: 'DISPATCH', unitId: UNIT });
    await act(handler, { action: 'ACCEPT' });
    await act(handler, { action: 'REPLY', reply: '已协调解决' });
    return close ? act(ambassador, { action: 'CLOSE', satisfaction: 'SATISFIED' }) : demand;
  }

  it('counts open and overdue demands as they stood at 00:00, replaying today’s steps', async () => {
    await oldDemand('仍未办理'); // still open
    const closedToday = await oldDemand('今日办结');
    const repliedToday = await oldDemand('今日答复');
    await handle(await oldDemand('昨日办结'), true);
    // the next day: yesterday's steps lie before 00:00, today's after
    setClockOffset(clockOffsetMs() + DAY);
    await handle(closedToday, true);
    await handle(repliedToday, false);
    const result = await callSubgraph(subgraph.url, screen, FIGURES, { code: '990172' });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const region = result.data._entities[0];
    expect(new Date(region.demandsAtStartOfDay.at).toISOString()).toBe(new Date(`${shanghaiDate(now())}T00:00:00+08:00`).toISOString());
    // at 00:00: three open, all past their reply deadline; now one fewer is open
    expect(region.demandsAtStartOfDay).toMatchObject({ open: 3, overdue: 3 });
    expect(region.serviceStats.openDemands).toBe(2);
    const outside = await callSubgraph(subgraph.url, chengnanLeader, FIGURES, { code: '990172' });
    expect(outside.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
