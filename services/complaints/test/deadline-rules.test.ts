import { Role, type Caller } from '@bizenv/common/auth';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph, TEST_IDENTITY_KEYS } from '@bizenv/common/testing';
import { shanghaiDate } from '@bizenv/common/working-days';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel, ComplaintCategory } from '../src/complaint/complaint-enums.js';
import { complaintsSubgraph } from '../src/subgraph.js';

const admin: Caller = { id: 'admin-1', name: '系统管理员', roles: [Role.ADMIN], regionCode: '990100' };
const hotline: Caller = { id: 'op-1', name: '受理员甲', roles: [Role.HOTLINE_OPERATOR], regionCode: '990100' };
const leader: Caller = { id: 'leader-1', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };

const DEADLINES = 'id replyDueAt closeDueAt dueAt deadlineProvisional light deadlineBasis { ruleKey replyWorkingDays closeWorkingDays yellowWorkingDays closeExtended }';
const RECEIVE = `mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { ${DEADLINES} } }`;
const GET = `query($id: ID!) { complaint(id: $id) { ${DEADLINES} } }`;
const RULES = '{ complaintDeadlineRules { key channel category replyWorkingDays closeWorkingDays yellowWorkingDays updatedBy } }';
const SET = `mutation($input: SetComplaintDeadlineRuleInput!) { setComplaintDeadlineRule(input: $input) { key replyWorkingDays closeWorkingDays yellowWorkingDays updatedBy } }`;
const REMOVE = `mutation($scope: ComplaintDeadlineScopeInput!) { removeComplaintDeadlineRule(scope: $scope) { key } }`;
const CHANGES = `query($first: Int) { complaintDeadlineRuleChanges(first: $first) { totalCount edges { node { kind ruleKey channel category replyWorkingDays closeWorkingDays actorId actorName at } } } }`;

const shanghai = (iso: string) => new Date(`${iso}+08:00`).toISOString();
const day = (iso: string) => shanghaiDate(new Date(iso));

describe.each(await databaseTargets())('the complaint deadline table on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(complaintsSubgraph({ identity: TEST_IDENTITY_KEYS }), target, []);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const call = async (caller: Caller, query: string, variables: Record<string, unknown> = {}) => {
    const result = await callSubgraph(subgraph.url, caller, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data;
  };
  const receive = async (channel: Channel, category: ComplaintCategory, receivedAt?: string) =>
    (await call(hotline, RECEIVE, { input: { channel, category, title: '审批窗口推诿', content: '多次往返未办结', regionCode: '990102001', receivedAt } })).receiveComplaint;
  const changeCount = async () => (await call(admin, CHANGES, { first: 1 })).complaintDeadlineRuleChanges.totalCount;

  it('starts with the plans: 5 working days for enterprises (967788, monitoring points), a written reply in 7, close in 30', async () => {
    const rules = (await call(leader, RULES)).complaintDeadlineRules;
    expect(rules.map((r: { key: string; replyWorkingDays: number; closeWorkingDays: number }) => [r.key, r.replyWorkingDays, r.closeWorkingDays])).toEqual([
      ['*/*', 7, 30],
      ['HOTLINE_967788/*', 5, 30],
      ['MONITORING_POINT/*', 5, 30],
    ]);
  });

  it('counts across the 2026 National Day and its make-up Saturday, and across the Spring Festival', async () => {
    // Received Wed 30 Sep 2026 on 967788: Oct 1–7 off; Oct 8, 9, 10 (Sat, 调休上班), 12, 13.
    const enterprise = await receive(Channel.HOTLINE_967788, ComplaintCategory.ARBITRARY_CHARGES, shanghai('2026-09-30T16:20:00'));
    expect(enterprise.replyDueAt).toBe('2026-10-13T15:59:59.999Z');
    expect(enterprise.deadlineBasis).toEqual({ ruleKey: 'HOTLINE_967788/*', replyWorkingDays: 5, closeWorkingDays: 30, yellowWorkingDays: 1, closeExtended: false });
    const monitoring = await receive(Channel.MONITORING_POINT, ComplaintCategory.OTHER, shanghai('2026-09-30T16:20:00'));
    expect(day(monitoring.replyDueAt)).toBe('2026-10-13');
    // 12345, a written reply in 7: … 12, 13, 14, 15; close in 30: 17 Nov.
    const hotlineCase = await receive(Channel.HOTLINE_12345, ComplaintCategory.OTHER, shanghai('2026-09-30T16:20:00'));
    expect([day(hotlineCase.replyDueAt), day(hotlineCase.closeDueAt)]).toEqual(['2026-10-15', '2026-11-17']);
    // Received Fri 13 Feb 2026: 14 (Sat, make-up), 24, 25, 26, 27, 28 (Sat, make-up), 2 Mar.
    const festival = await receive(Channel.MINXIN_WEB, ComplaintCategory.OTHER, shanghai('2026-02-13T10:00:00'));
    expect(day(festival.replyDueAt)).toBe('2026-03-02');
    expect(festival.dueAt).toBe(festival.replyDueAt);
    expect(festival.light).toBe('RED');
  });

  it('applies a changed rule to complaints received afterwards only; earlier ones keep their rule and days', async () => {
    const before = await receive(Channel.WECHAT, ComplaintCategory.BUCK_PASSING, shanghai('2026-09-30T16:20:00'));
    const set = await call(admin, SET, { input: { channel: 'WECHAT', category: 'BUCK_PASSING', replyWorkingDays: 3, closeWorkingDays: 10, yellowWorkingDays: 2 } });
    expect(set.setComplaintDeadlineRule).toEqual({ key: 'WECHAT/BUCK_PASSING', replyWorkingDays: 3, closeWorkingDays: 10, yellowWorkingDays: 2, updatedBy: '系统管理员' });
    const after = await receive(Channel.WECHAT, ComplaintCategory.BUCK_PASSING, shanghai('2026-09-30T16:20:00'));
    // 3 working days: Oct 8, 9, 10 (make-up Saturday); 10: … 12, 13, 14, 15, 16, 19, 20.
    expect([day(after.replyDueAt), day(after.closeDueAt)]).toEqual(['2026-10-10', '2026-10-20']);
    expect(after.deadlineBasis).toMatchObject({ ruleKey: 'WECHAT/BUCK_PASSING', replyWorkingDays: 3, closeWorkingDays: 10, yellowWorkingDays: 2 });
    // The earlier complaint is exactly as it was received.
    expect((await call(hotline, GET, { id: before.id })).complaint).toEqual(before);
    expect(before.deadlineBasis.ruleKey).toBe('*/*');
    expect(day(before.replyDueAt)).toBe('2026-10-15');
    // Another category of the same channel still takes the default.
    expect((await receive(Channel.WECHAT, ComplaintCategory.OTHER)).deadlineBasis.ruleKey).toBe('*/*');

    expect((await call(admin, REMOVE, { scope: { channel: 'WECHAT', category: 'BUCK_PASSING' } })).removeComplaintDeadlineRule.key).toBe('WECHAT/BUCK_PASSING');
    expect((await receive(Channel.WECHAT, ComplaintCategory.BUCK_PASSING)).deadlineBasis.ruleKey).toBe('*/*');
    expect((await call(hotline, GET, { id: after.id })).complaint).toEqual(after);

    const changes = (await call(admin, CHANGES, { first: 2 })).complaintDeadlineRuleChanges.edges.map((e: { node: unknown }) => e.node);
    expect(changes).toMatchObject([
      { kind: 'REMOVE', ruleKey: 'WECHAT/BUCK_PASSING', channel: 'WECHAT', category: 'BUCK_PASSING', replyWorkingDays: 3, closeWorkingDays: 10, actorId: 'admin-1', actorName: '系统管理员' },
      { kind: 'SET', ruleKey: 'WECHAT/BUCK_PASSING', replyWorkingDays: 3, closeWorkingDays: 10, actorName: '系统管理员' },
    ]);
  });

  it('changes the default rule, which stays', async () => {
    await call(admin, SET, { input: { replyWorkingDays: 6, closeWorkingDays: 25 } });
    const later = await receive(Channel.REPORT_PHONE, ComplaintCategory.OTHER);
    expect(later.deadlineBasis).toMatchObject({ ruleKey: '*/*', replyWorkingDays: 6, closeWorkingDays: 25, yellowWorkingDays: 1 });
    const removed = await callSubgraph(subgraph.url, admin, REMOVE, { scope: {} });
    expect(removed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    await call(admin, SET, { input: { replyWorkingDays: 7, closeWorkingDays: 30 } });
  });

  it('is changed by the system administrator only, checked, and a refused change stores nothing', async () => {
    const rules = (await call(admin, RULES)).complaintDeadlineRules;
    const changes = await changeCount();
    const input = { channel: 'WECHAT', replyWorkingDays: 5, closeWorkingDays: 30 };
    expect((await callSubgraph(subgraph.url, hotline, SET, { input })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await callSubgraph(subgraph.url, hotline, CHANGES, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const [bad, field] of [
      [{ replyWorkingDays: 0 }, 'replyWorkingDays'],
      [{ closeWorkingDays: 366 }, 'closeWorkingDays'],
      [{ replyWorkingDays: 31 }, 'replyWorkingDays'],
      [{ yellowWorkingDays: 0 }, 'yellowWorkingDays'],
    ] as const) {
      const result = await callSubgraph(subgraph.url, admin, SET, { input: { ...input, ...bad } });
      expect(result.errors?.[0].extensions, JSON.stringify(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await callSubgraph(subgraph.url, admin, REMOVE, { scope: { channel: 'WECHAT' } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await call(admin, RULES)).complaintDeadlineRules).toEqual(rules);
    expect(await changeCount()).toBe(changes);
  });
});
