import { Role, type Caller } from '@bizenv/common/auth';
import { stableId } from '@bizenv/common/stable-id';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasksSubgraph } from '../src/subgraph.js';

const handler: Caller = { id: 'h', name: '临江区市场监管局承办人', roles: [Role.UNIT_HANDLER], regionCode: '990102', unitId: stableId('990102-market') };
const supervisor: Caller = { id: 's', name: '市营商办督办员', roles: [Role.SUPERVISOR], regionCode: '990100' };

const LEDGER = `{ rectificationLedger(first: 50) { totalCount edges { node {
  id title status light signOffRequestedAt closedAt timeline { action toStatus } supervisions { level status problem { id } timeline { toLevel } }
} } } }`;

describe.each(await databaseTargets())('the demo ledger on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(tasksSubgraph(), target, [], true);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  it('gives the handler’s unit a problem in every state, each timeline ending where its problem stands', async () => {
    const result = await callSubgraph(subgraph.url, handler, LEDGER);
    expect(result.errors).toBeUndefined();
    const problems = result.data.rectificationLedger.edges.map((e: any) => e.node);
    expect(problems.map((p: any) => [p.status, p.light])).toEqual([
      ['SIGNED_OFF', null],
      ['RECTIFYING', 'RED'],
      ['AWAITING_SIGN_OFF', 'GREEN'],
      ['RECTIFYING', 'GREEN'],
    ]);
    for (const problem of problems) expect(problem.timeline.at(-1).toStatus, problem.title).toBe(problem.status);
    const red = problems[1];
    expect(red.supervisions).toEqual([{ level: 'ORDER', status: 'AWAITING_RESPONSE', problem: { id: red.id }, timeline: [{ toLevel: 'REMINDER' }, { toLevel: 'ORDER' }] }]);
    expect(problems.filter((p: any) => p.supervisions.length)).toHaveLength(1);
  });

  it('counts the seeded problems, bulletin and talk for the city', async () => {
    const result = await callSubgraph(
      subgraph.url,
      supervisor,
      `{ bulletins { totalCount edges { node { entries { verdict } } } } admonishingTalks { totalCount }
         _entities(representations: [{ __typename: "Region", code: "990100" }]) { ... on Region { taskStats { problemsOpen problemsClosed problemsOverdue } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.bulletins.edges[0].node.entries.map((e: any) => e.verdict)).toEqual(['CRITICISED', 'COMMENDED']);
    expect(result.data.admonishingTalks.totalCount).toBe(1);
    expect(result.data._entities[0].taskStats).toEqual({ problemsOpen: 4, problemsClosed: 1, problemsOverdue: 1 });
  });
});
