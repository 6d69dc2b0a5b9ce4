import { databaseTargets, type DatabaseTarget } from '@bizenv/common/testing';
import { TaskStatus } from '@bizenv/tasks/task/task-status';
import { SupervisedTask } from '@bizenv/tasks/task/task.entity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from './support/system.js';

const SNAPSHOT = /* GraphQL */ `
  query Snapshot($code: ID!) {
    region(code: $code) {
      code name level
      complaintStats { total open overdue byDispatchStatus { status count } }
      taskStats { total open overdue }
      serviceStats { enterprises openDemands overdueDemands }
      children { code name complaintStats { total overdue } taskStats { total overdue } serviceStats { enterprises overdueDemands } }
    }
  }
`;

const SUBSCRIPTION = /* GraphQL */ `
  subscription Screen($code: ID!) {
    regionStats(code: $code) { code complaintStats { total open overdue } taskStats { overdue } serviceStats { overdueDemands } }
  }
`;

const RECEIVE = /* GraphQL */ `
  mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id } }
`;

const sum = (items: any[], pick: (item: any) => number) => items.reduce((total, item) => total + pick(item), 0);

describe.each(await databaseTargets())('through the gateway on $name', ({ create }) => {
  let target: DatabaseTarget;
  let system: TestSystem;

  beforeAll(async () => {
    target = create();
    system = await startTestSystem(target);
  });

  afterAll(async () => {
    await system?.stop();
    await target?.dispose();
  });

  it('answers one query from all four subgraphs, each counting the whole subtree', async () => {
    const token = await system.login('city.leader');
    const { data, errors } = await system.query(SNAPSHOT, { code: '990100' }, token);
    expect(errors).toBeUndefined();
    const city = data.region;
    expect(city).toMatchObject({ code: '990100', name: '江湾市', level: 'CITY' });
    expect(city.children.length).toBe(6);
    // Every seeded complaint, enterprise and demand lies in some district or park, so the city
    // equals the sum of its children; tasks add the city plan's own (region 990100).
    expect(city.complaintStats.total).toBeGreaterThan(0);
    expect(city.complaintStats.total).toBe(sum(city.children, (c) => c.complaintStats.total));
    expect(city.complaintStats.overdue).toBe(sum(city.children, (c) => c.complaintStats.overdue));
    expect(city.taskStats.total).toBeGreaterThan(0);
    const cityTasks = system.subgraphs.find((s) => s.name === 'tasks')!.dataSource.getRepository(SupervisedTask);
    const cityOwn = await cityTasks.countBy({ regionCode: '990100' });
    const cityOwnOverdue = await cityTasks
      .createQueryBuilder('t')
      .where('t.regionCode = :city AND t.status = :open AND t.deadline < :at', { city: '990100', open: TaskStatus.IN_PROGRESS, at: new Date() })
      .getCount();
    expect(cityOwnOverdue).toBeGreaterThan(0);
    expect(city.taskStats.total).toBe(sum(city.children, (c) => c.taskStats.total) + cityOwn);
    expect(city.taskStats.overdue).toBe(sum(city.children, (c) => c.taskStats.overdue) + cityOwnOverdue);
    expect(city.serviceStats.enterprises).toBe(sum(city.children, (c) => c.serviceStats.enterprises));
    expect(city.serviceStats.overdueDemands).toBe(sum(city.children, (c) => c.serviceStats.overdueDemands));
    expect(sum(city.complaintStats.byDispatchStatus, (s) => s.count)).toBe(city.complaintStats.total);
  });

  it('pushes the current state on subscribe and the new counts within a second of a change', async () => {
    const token = await system.login('hotline');
    const client = system.subscribe(token);
    const frames: { data?: any; errors?: any; at: number }[] = [];
    const unsubscribe = client.subscribe(
      { query: SUBSCRIPTION, variables: { code: '990102' } },
      { next: (frame) => frames.push({ ...frame, at: Date.now() }), error: (error) => frames.push({ errors: [error], at: Date.now() }), complete: () => {} },
    );
    try {
      const first = await eventually(() => frames[0]);
      expect(first.errors).toBeUndefined();
      const before = first.data.regionStats.complaintStats;
      const sentAt = Date.now();
      // Received 40 days ago: already past its reply deadline, so both total and overdue move.
      const receivedAt = new Date(Date.now() - 40 * 86_400_000).toISOString();
      const result = await system.query(RECEIVE, {
        input: { channel: 'HOTLINE_12345', category: 'BUCK_PASSING', title: '窗口推诿', content: '多次往返未办结', regionCode: '990102003', receivedAt },
      }, token);
      expect(result.errors).toBeUndefined();
      const update = await eventually(() => frames.find((f) => f.data?.regionStats.complaintStats.total === before.total + 1));
      expect(update.data.regionStats.complaintStats.overdue).toBe(before.overdue + 1);
      expect(update.at - sentAt).toBeLessThan(1000);
      // Each frame names the event position it includes.
      expect((update as any).extensions.version).toMatch(/^\d+-\d+$/);
    } finally {
      unsubscribe();
      await client.dispose();
    }
  });

  it('does not send a change outside the subscribed subtree', async () => {
    const token = await system.login('hotline');
    const client = system.subscribe(token);
    const frames: any[] = [];
    const unsubscribe = client.subscribe({ query: SUBSCRIPTION, variables: { code: '990104' } }, { next: (f) => frames.push(f), error: () => {}, complete: () => {} });
    try {
      await eventually(() => frames[0]);
      await system.query(RECEIVE, { input: { channel: 'WECHAT', category: 'OTHER', title: '别区事项', content: '城南区', regionCode: '990103001' } }, token);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(frames).toHaveLength(1);
    } finally {
      unsubscribe();
      await client.dispose();
    }
  });

  it('holds a district leader to their district in queries and subscriptions', async () => {
    const token = await system.login('linjiang.leader');
    const own = await system.query(SNAPSHOT, { code: '990102' }, token);
    expect(own.errors).toBeUndefined();
    const city = await system.query(SNAPSHOT, { code: '990100' }, token);
    expect(city.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(city.data?.region ?? null).toBeNull();

    const client = system.subscribe(token);
    const frames: any[] = [];
    const unsubscribe = client.subscribe({ query: SUBSCRIPTION, variables: { code: '990100' } }, { next: (f) => frames.push(f), error: () => {}, complete: () => {} });
    try {
      const frame = await eventually(() => frames[0]);
      expect(frame.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(JSON.stringify(frame.data ?? null)).not.toMatch(/complaintStats":\{/);
    } finally {
      unsubscribe();
      await client.dispose();
    }
  });

  it('validates a subscription against the schema before running it', async () => {
    const client = system.subscribe(await system.login('hotline'));
    const errors = await new Promise<any>((resolve) =>
      client.subscribe({ query: 'subscription { regionStats(code: "990100") { noSuchField } }' }, { next: () => {}, error: resolve, complete: () => {} }),
    );
    expect(JSON.stringify(errors)).toContain('Cannot query field \\"noSuchField\\" on type \\"Region\\"');
    await client.dispose();
  });

  it('refuses a subscription without a valid token (close code 4403) and a forged bearer token', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const client = system.subscribe(token);
      const closed = new Promise<number>((resolve) => client.on('closed', (event: any) => resolve(event.code)));
      client.subscribe({ query: SUBSCRIPTION, variables: { code: '990100' } }, { next: () => {}, error: () => {}, complete: () => {} });
      expect(await closed).toBe(4403);
      await client.dispose();
    }
    const forged = await system.query('{ region(code: "990100") { name } }', {}, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
    expect(forged.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
