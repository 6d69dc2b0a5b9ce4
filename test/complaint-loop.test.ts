import { stableId } from '@bizenv/common/stable-id';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from './support/system.js';

const ACT = 'mutation($i: ActOnComplaintInput!) { actOnComplaint(input: $i) { version dispatchStatus } }';

describe('the closed loop through the gateway', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({ name: 'embedded', dispose: async () => {} });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('goes from receipt to close across hotline and unit, with a timeline naming the units', async () => {
    const hotline = await system.login('hotline');
    const handler = await system.login('handler');
    const unitId = stableId('990102-market');
    const feed = system.subscribe(hotline);
    const kinds: string[] = [];
    const stop = feed.subscribe(
      { query: 'subscription { dispatchEvents(regionCode: "990102") { events { kind } } }' },
      { next: (f: any) => kinds.push(...f.data.dispatchEvents.events.map((e: any) => e.kind)), error: () => {}, complete: () => {} },
    );
    try {
      const received = await system.query(
        'mutation { receiveComplaint(input: { channel: HOTLINE_967788, category: ARBITRARY_CHARGES, title: "重复检查", content: "一月四次", regionCode: "990102003" }) { id } }',
        {}, hotline,
      );
      const id = received.data.receiveComplaint.id;
      const steps: [string, string, Record<string, unknown>][] = [
        [hotline, 'DISPATCH', { unitId }],
        [handler, 'ACCEPT', {}],
        [handler, 'REPLY', { reply: '已责令停止重复检查并约谈相关人员' }],
        [hotline, 'CLOSE', { satisfaction: 'SATISFIED' }],
      ];
      for (const [[token, action, fields], version] of steps.map((step, i) => [step, i + 1] as const)) {
        const result = await system.query(ACT, { i: { id, action, expectedVersion: version, ...fields } }, token);
        expect(result.errors).toBeUndefined();
      }
      const { data } = await system.query(
        'query($id: ID!) { complaint(id: $id) { dispatchStatus timeline { action toStatus actorName unit { name } } } }', { id }, hotline,
      );
      expect(data.complaint.dispatchStatus).toBe('CLOSED');
      expect(data.complaint.timeline.map((t: any) => [t.action, t.toStatus])).toEqual([
        ['RECEIVE', 'AWAITING_DISPATCH'], ['DISPATCH', 'DISPATCHED'], ['ACCEPT', 'ACCEPTED'], ['REPLY', 'REPLIED'], ['CLOSE', 'CLOSED'],
      ]);
      expect(data.complaint.timeline[2]).toMatchObject({ actorName: '临江区市场监管局承办人', unit: { name: '临江区市场监督管理局' } });
      await eventually(() => kinds.includes('CLOSED'));
      expect(kinds).toEqual(['RECEIVED', 'DISPATCHED', 'ACCEPTED', 'REPLIED', 'CLOSED']);
    } finally {
      stop();
      await feed.dispose();
    }
  });

  it('keeps a unit handler to the complaints dispatched to their own unit', async () => {
    const hotline = await system.login('hotline');
    const handler = await system.login('handler');
    const received = await system.query(
      'mutation { receiveComplaint(input: { channel: WECHAT, category: OTHER, title: "别的单位", content: "内容", regionCode: "990102001" }) { id } }', {}, hotline,
    );
    const id = received.data.receiveComplaint.id;
    await system.query(ACT, { i: { id, action: 'DISPATCH', expectedVersion: 1, unitId: stableId('990102-housing') } }, hotline);
    const attempt = await system.query(ACT, { i: { id, action: 'ACCEPT', expectedVersion: 2 } }, handler);
    expect(attempt.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
