import { Role, type Caller } from '@bizenv/common/auth';
import type { DomainEvent } from '@bizenv/common/event-bus';
import { GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { LiveQueryHub } from './live-query-hub.js';
import { toLiveQuery } from './subscription-document.js';

const screen = (id: string, regionCode = '990100'): Caller => ({ id, name: id, roles: [Role.SCREEN], regionCode });
const event = (regionCode: string): DomainEvent => ({ source: 'complaints', seq: 1, topic: 'complaint.received', regionCode, payload: {}, occurredAt: '' });
const live = (code: string) => toLiveQuery(parse('subscription($code: ID!) { regionStats(code: $code) { name } }'), undefined, { code });

function countingHub() {
  let executions = 0;
  let version = 0;
  const hub = new LiveQueryHub(async () => {
    executions++;
    return { data: { regionStats: { version: ++version } } };
  }, 10);
  return { hub, executions: () => executions };
}

async function take(iterator: AsyncIterableIterator<unknown>) {
  return (await iterator.next()).value;
}

describe('live query hub', () => {
  it('computes once per change however many screens of one scope are watching', async () => {
    const { hub, executions } = countingHub();
    const iterators = Array.from({ length: 1000 }, (_, i) => hub.subscribe(live('990100'), { code: '990100' }, screen(`screen-${i}`)));
    await Promise.all(iterators.map(take));
    expect(executions()).toBe(1);
    for (let i = 0; i < 20; i++) hub.onEvent(event('990102001'));
    const frames = await Promise.all(iterators.map(take));
    expect(executions()).toBe(2);
    expect(new Set(frames.map((f) => JSON.stringify(f))).size).toBe(1);
    await Promise.all(iterators.map((it) => it.return!()));
    expect(hub.size).toBe(0);
  });

  it('keeps different scopes apart and ignores changes outside the subtree', async () => {
    const { hub, executions } = countingHub();
    const city = hub.subscribe(live('990102'), { code: '990102' }, screen('a'));
    const district = hub.subscribe(live('990102'), { code: '990102' }, screen('b', '990102'));
    await Promise.all([take(city), take(district)]);
    expect(executions()).toBe(2);
    hub.onEvent(event('990103001'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(executions()).toBe(2);
    hub.onEvent(event('990102004'));
    await Promise.all([take(city), take(district)]);
    expect(executions()).toBe(4);
    hub.close();
  });

  it('asks again after an error frame, without waiting for an event, until the answer is whole', async () => {
    let calls = 0;
    const hub = new LiveQueryHub(async () => {
      calls++;
      return calls < 3 ? { errors: [new GraphQLError('服务内部错误')] } : { data: { regionStats: { name: '江湾市' } } };
    }, 10);
    const iterator = hub.subscribe(live('990100'), { code: '990100' }, screen('a'));
    expect(((await take(iterator)) as { errors?: unknown[] }).errors).toHaveLength(1);
    // Retries at 1 s, then 2 s: the third answer is whole and ends the retries.
    const healed = (await take(iterator)) as { data?: unknown };
    expect(healed.data).toEqual({ regionStats: { name: '江湾市' } });
    expect(calls).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(calls).toBe(3);
    hub.close();
  }, 10_000);
});
