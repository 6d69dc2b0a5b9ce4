import type { Caller } from '@bizenv/common/auth';
import { clockOffsetMs, now, setClockOffset } from '@bizenv/common/clock';
import type { DomainEvent } from '@bizenv/common/event-bus';
import { OutboxEvent } from '@bizenv/common/outbox-event.entity';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { allPages, callSubgraph, type DatabaseTarget, databaseTargets, eventually, startTestSubgraph } from '@bizenv/common/testing';
import { officialCalendar } from '@bizenv/common/working-days';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Supervision } from '../src/supervision/supervision.entity.js';
import { SupervisionStep } from '../src/supervision/supervision-step.entity.js';
import { AdmonishingTalk } from '../src/supervision/admonishing-talk.entity.js';
import { tasksSubgraph } from '../src/subgraph.js';
import { citySupervisor, handlerA, handlerB, linjiangLeader, PERSON_A, UNIT_A, UNIT_B, UNIT_C } from './oversight-fixtures.js';

const CREATE_TASK = `mutation($input: CreateSupervisedTaskInput!) { createSupervisedTask(input: $input) { id } }`;
const REGISTER = `mutation($input: RegisterProblemInput!) { registerProblem(input: $input) { id } }`;
const SUPERVISE = `mutation($input: SuperviseItemInput!) { superviseItem(input: $input) { id level status version responseDueAt responseWorkingDays deadlineProvisional overdue unit { id } } }`;
const ESCALATE = `mutation($input: EscalateSupervisionInput!) { escalateSupervision(input: $input) { id level status version responseDueAt overdue } }`;
const RESPOND = `mutation($input: RespondToSupervisionInput!) { respondToSupervision(input: $input) { id status version overdue } }`;
const CLOSE = `mutation($input: CloseSupervisionInput!) { closeSupervision(input: $input) { id status version } }`;
const PUBLISH = `mutation($input: PublishBulletinInput!) { publishBulletin(input: $input) { id entries { verdict note unit { id } } } }`;
const SUPERVISION = `query($id: ID!) { supervision(id: $id) {
  id level status overdue version task { id } problem { id }
  timeline { action fromLevel toLevel fromStatus toStatus reason skipReason response responseDueAt bulletinId actorId actorName late at }
} }`;
const LIST = `query($filter: SupervisionFilter, $first: Int, $after: String) {
  supervisions(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id overdue unit { id } } } }
}`;
const TASK_SUPERVISIONS = `query($id: ID!) { supervisedTask(id: $id) { supervisions { id timeline { action } } } }`;
const TALK = `mutation($input: RecordAdmonishingTalkInput!) { recordAdmonishingTalk(input: $input) { id talkDate person { id } unit { id } } }`;
const TALKS = `query($first: Int, $after: String) { admonishingTalks(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id unit { id } } } } }`;

describe.each(await databaseTargets())('escalating supervision on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(tasksSubgraph(), target, events, false);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const call = (caller: Caller, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  const ok = async (caller: Caller, query: string, variables: Record<string, unknown> = {}) => {
    const result = await call(caller, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data;
  };
  const errorOf = async (caller: Caller, query: string, input: Record<string, unknown>) => (await call(caller, query, { input })).errors?.[0].extensions;
  let taskNumber = 0;
  const newTask = async (unitId = UNIT_A, regionCode = '990102001') =>
    (await ok(citySupervisor, CREATE_TASK, { input: { number: ++taskNumber, title: `压缩审批时限${taskNumber}`, leadUnitId: unitId, regionCode, deadline: '2099-12-31' } })).createSupervisedTask
      .id as string;
  const supervise = (targetId: string, overrides: Record<string, unknown> = {}) => ({ targetKind: 'TASK', targetId, level: 'REMINDER', reason: '进度滞后', ...overrides });
  const dueIn = (days: number, from: Date) => officialCalendar.addWorkingDays(from, days).dueAt.toISOString();

  it('escalates 催办 → 督办单 → 挂牌督办 → 通报 with who, when, why and working-day deadlines, answered by the unit', async () => {
    const taskId = await newTask();
    const opened = (await ok(citySupervisor, SUPERVISE, { input: supervise(taskId) })).superviseItem;
    const openedAt = now();
    expect(opened).toMatchObject({ level: 'REMINDER', status: 'AWAITING_RESPONSE', version: 1, responseWorkingDays: 3, overdue: false, unit: { id: UNIT_A } });
    expect(opened.responseDueAt).toBe(dueIn(3, openedAt));
    const answered = (await ok(handlerA, RESPOND, { input: { id: opened.id, expectedVersion: 1, response: '已制定整改方案' } })).respondToSupervision;
    expect(answered).toMatchObject({ status: 'RESPONDED', version: 2 });
    const order = (await ok(citySupervisor, ESCALATE, { input: { id: opened.id, expectedVersion: 2, level: 'ORDER', reason: '整改方案未见成效', responseWorkingDays: 2 } })).escalateSupervision;
    expect(order).toMatchObject({ level: 'ORDER', status: 'AWAITING_RESPONSE', version: 3 });
    expect(order.responseDueAt).toBe(dueIn(2, now()));
    await ok(citySupervisor, ESCALATE, { input: { id: opened.id, expectedVersion: 3, level: 'FLAGGED', reason: '督办单逾期未回复' } });
    // 通报 needs the bulletin that named the unit as a bad example.
    expect(await errorOf(citySupervisor, ESCALATE, { id: opened.id, expectedVersion: 4, level: 'BULLETIN', reason: '挂牌后仍无进展' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bulletinId' });
    const praising = (await ok(citySupervisor, PUBLISH, { input: { regionCode: '990102', title: '表扬通报', content: '…', entries: [{ unitId: UNIT_A, verdict: 'COMMENDED', note: '窗口服务好' }] } })).publishBulletin;
    expect(await errorOf(citySupervisor, ESCALATE, { id: opened.id, expectedVersion: 4, level: 'BULLETIN', reason: '挂牌后仍无进展', bulletinId: praising.id })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bulletinId' });
    const bulletin = (
      await ok(citySupervisor, PUBLISH, {
        input: {
          regionCode: '990100',
          title: '关于营商环境整治工作情况的通报',
          content: '现将有关情况通报如下。',
          entries: [
            { unitId: UNIT_B, verdict: 'COMMENDED', note: '整改迅速' },
            { unitId: UNIT_A, verdict: 'CRITICISED', note: '挂牌督办后仍无进展' },
          ],
        },
      })
    ).publishBulletin;
    expect(bulletin.entries.map((e: any) => [e.verdict, e.unit.id])).toEqual([['CRITICISED', UNIT_A], ['COMMENDED', UNIT_B]]);
    await ok(citySupervisor, ESCALATE, { input: { id: opened.id, expectedVersion: 4, level: 'BULLETIN', reason: '挂牌后仍无进展', bulletinId: bulletin.id } });
    expect(await errorOf(citySupervisor, ESCALATE, { id: opened.id, expectedVersion: 5, level: 'BULLETIN', reason: '再次通报', bulletinId: bulletin.id })).toMatchObject({ code: 'INVALID_TRANSITION' });
    await ok(handlerA, RESPOND, { input: { id: opened.id, expectedVersion: 5, response: '已召开专题会议整改' } });
    await ok(citySupervisor, CLOSE, { input: { id: opened.id, expectedVersion: 6, reason: '任务已完成整改' } });

    const { supervision } = await ok(linjiangLeader, SUPERVISION, { id: opened.id });
    expect(supervision).toMatchObject({ level: 'BULLETIN', status: 'CLOSED', overdue: false, version: 7, task: { id: taskId }, problem: null });
    expect(supervision.timeline.map((s: any) => [s.action, s.fromLevel, s.toLevel, s.fromStatus, s.toStatus, s.actorId, s.reason ?? s.response])).toEqual([
      ['ESCALATE', null, 'REMINDER', null, 'AWAITING_RESPONSE', 'sup-1', '进度滞后'],
      ['RESPOND', 'REMINDER', 'REMINDER', 'AWAITING_RESPONSE', 'RESPONDED', 'handler-a', '已制定整改方案'],
      ['ESCALATE', 'REMINDER', 'ORDER', 'RESPONDED', 'AWAITING_RESPONSE', 'sup-1', '整改方案未见成效'],
      ['ESCALATE', 'ORDER', 'FLAGGED', 'AWAITING_RESPONSE', 'AWAITING_RESPONSE', 'sup-1', '督办单逾期未回复'],
      ['ESCALATE', 'FLAGGED', 'BULLETIN', 'AWAITING_RESPONSE', 'AWAITING_RESPONSE', 'sup-1', '挂牌后仍无进展'],
      ['RESPOND', 'BULLETIN', 'BULLETIN', 'AWAITING_RESPONSE', 'RESPONDED', 'handler-a', '已召开专题会议整改'],
      ['CLOSE', 'BULLETIN', 'BULLETIN', 'RESPONDED', 'CLOSED', 'sup-1', '任务已完成整改'],
    ]);
    const steps = supervision.timeline;
    expect(steps[0].responseDueAt).toBe(opened.responseDueAt);
    // A response carries the deadline it answered, and says whether it was late.
    expect(steps[1]).toMatchObject({ responseDueAt: opened.responseDueAt, late: false });
    expect(steps[4].bulletinId).toBe(bulletin.id);
    expect(steps[6]).toMatchObject({ responseDueAt: null, late: null });
    const times = steps.map((s: any) => Date.parse(s.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    await eventually(() => events.filter((e) => e.payload.id === opened.id).length === 7);
    expect(events.filter((e) => e.payload.id === opened.id).map((e) => e.topic)).toEqual([
      'supervision.opened', 'supervision.responded', 'supervision.escalated', 'supervision.escalated', 'supervision.escalated', 'supervision.responded', 'supervision.closed',
    ]);
    // Closed: the task can be supervised afresh.
    expect((await ok(citySupervisor, SUPERVISE, { input: supervise(taskId) })).superviseItem.level).toBe('REMINDER');
  });

  it('skips a level only with a reason, never goes down, and keeps one open supervision per item', async () => {
    const taskId = await newTask();
    expect(await errorOf(citySupervisor, SUPERVISE, supervise(taskId, { level: 'FLAGGED' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'skipReason' });
    const flagged = (await ok(citySupervisor, SUPERVISE, { input: supervise(taskId, { level: 'FLAGGED', skipReason: '群众反映强烈，直接挂牌督办' }) })).superviseItem;
    expect(flagged).toMatchObject({ level: 'FLAGGED', responseWorkingDays: 5 });
    expect(await errorOf(citySupervisor, SUPERVISE, supervise(taskId))).toMatchObject({ code: 'CONFLICT' });
    expect(await errorOf(citySupervisor, ESCALATE, { id: flagged.id, expectedVersion: 1, level: 'ORDER', reason: '降级' })).toMatchObject({ code: 'INVALID_TRANSITION' });
    const { supervision } = await ok(citySupervisor, SUPERVISION, { id: flagged.id });
    expect(supervision.timeline).toMatchObject([{ action: 'ESCALATE', fromLevel: null, toLevel: 'FLAGGED', skipReason: '群众反映强烈，直接挂牌督办' }]);
  });

  it('stores nothing on bad input or a refused caller', async () => {
    const taskId = await newTask();
    const { registerProblem: problem } = await ok(citySupervisor, REGISTER, {
      input: { source: 'SUPERVISION_CHECK', regionCode: '990102', responsibleUnitId: UNIT_A, title: '承诺事项未兑现', timeLimit: '2099-06-30' },
    });
    const count = async () => [
      await subgraph.dataSource.getRepository(Supervision).count(),
      await subgraph.dataSource.getRepository(SupervisionStep).count(),
      await subgraph.dataSource.getRepository(AdmonishingTalk).count(),
      await subgraph.dataSource.getRepository(OutboxEvent).count(),
    ];
    const before = await count();
    const cases: [Caller, string, Record<string, unknown>, string, string?][] = [
      [citySupervisor, SUPERVISE, supervise(taskId, { reason: ' ' }), 'BAD_USER_INPUT', 'reason'],
      [citySupervisor, SUPERVISE, supervise(taskId, { responseWorkingDays: 0 }), 'BAD_USER_INPUT', 'responseWorkingDays'],
      [citySupervisor, SUPERVISE, supervise(taskId, { responseWorkingDays: 31 }), 'BAD_USER_INPUT', 'responseWorkingDays'],
      [citySupervisor, SUPERVISE, supervise(taskId, { bulletinId: UNIT_A }), 'BAD_USER_INPUT', 'bulletinId'],
      [citySupervisor, SUPERVISE, supervise('not-an-id'), 'BAD_USER_INPUT', 'targetId'],
      [citySupervisor, SUPERVISE, supervise(UNIT_C), 'NOT_FOUND'],
      [citySupervisor, SUPERVISE, supervise(problem.id), 'NOT_FOUND'],
      [handlerA, SUPERVISE, supervise(taskId), 'FORBIDDEN'],
      [linjiangLeader, SUPERVISE, { ...supervise(problem.id), targetKind: 'PROBLEM' }, 'FORBIDDEN'],
      [citySupervisor, TALK, { unitId: UNIT_A, regionCode: '990102', personId: PERSON_A, talkDate: '2999-01-01', reason: '进度滞后', outcome: '表态整改' }, 'BAD_USER_INPUT', 'talkDate'],
      [citySupervisor, TALK, { unitId: UNIT_A, regionCode: '990102', personId: PERSON_A, talkDate: '2026-02-30', reason: '进度滞后', outcome: '表态整改' }, 'BAD_USER_INPUT', 'talkDate'],
      [citySupervisor, TALK, { unitId: UNIT_A, regionCode: '990102', personId: PERSON_A, talkDate: '2026-03-02', reason: '进度滞后', outcome: '' }, 'BAD_USER_INPUT', 'outcome'],
      [handlerA, TALK, { unitId: UNIT_A, regionCode: '990102', personId: PERSON_A, talkDate: '2026-03-02', reason: '进度滞后', outcome: '表态整改' }, 'FORBIDDEN'],
    ];
    for (const [caller, query, input, code, field] of cases) {
      const result = await call(caller, query, { input });
      expect(result.errors?.[0].extensions, JSON.stringify(input)).toMatchObject(field ? { code, field } : { code });
      expect(result.data).toBeNull();
    }
    expect(await count()).toEqual(before);
  });

  it('lets only the supervised unit respond, exactly once per step, and keeps unit operators to their own unit', async () => {
    const opened = (await ok(citySupervisor, SUPERVISE, { input: supervise(await newTask()) })).superviseItem;
    const other = (await ok(citySupervisor, SUPERVISE, { input: supervise(await newTask(UNIT_B)) })).superviseItem;
    expect(await errorOf(handlerB, RESPOND, { id: opened.id, expectedVersion: 1, response: '代为回复' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(citySupervisor, RESPOND, { id: opened.id, expectedVersion: 1, response: '督办人员不能回复' })).toMatchObject({ code: 'FORBIDDEN' });
    const results = await Promise.all([1, 2].map((i) => call(handlerA, RESPOND, { input: { id: opened.id, expectedVersion: 1, response: `回复${i}` } })));
    expect(results.filter((r) => r.data?.respondToSupervision)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code)).toEqual(['CONFLICT']);
    expect(await errorOf(handlerA, RESPOND, { id: opened.id, expectedVersion: 2, response: '再回复' })).toMatchObject({ code: 'INVALID_TRANSITION' });
    const own = await allPages<any>(async (after) => (await ok(handlerA, LIST, { filter: null, first: 2, after })).supervisions);
    const rows = await subgraph.dataSource.getRepository(Supervision).findBy({ unitId: UNIT_A });
    expect(own.nodes.map((n) => n.id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(own.nodes.map((n) => n.id)).not.toContain(other.id);
    expect((await call(handlerA, SUPERVISION, { id: other.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await call(linjiangLeader, LIST, { filter: { regionCode: '990103' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('shows a task’s co-unit operator none of the supervisions its lead unit must answer', async () => {
    const { createSupervisedTask: shared } = await ok(citySupervisor, CREATE_TASK, {
      input: { number: ++taskNumber, title: `共同承办${taskNumber}`, leadUnitId: UNIT_A, responsibleUnitIds: [UNIT_B], regionCode: '990102001', deadline: '2099-12-31' },
    });
    const opened = (await ok(citySupervisor, SUPERVISE, { input: supervise(shared.id) })).superviseItem;
    const supervisionsOf = async (caller: Caller) => (await ok(caller, TASK_SUPERVISIONS, { id: shared.id })).supervisedTask.supervisions;
    expect(await supervisionsOf(handlerA)).toEqual([{ id: opened.id, timeline: [expect.objectContaining({ action: 'ESCALATE' })] }]);
    expect(await supervisionsOf(citySupervisor)).toEqual([expect.objectContaining({ id: opened.id })]);
    // Unit B reads the task (it shares it) but not unit A's supervision, as `supervision(id)` refuses it.
    expect(await supervisionsOf(handlerB)).toEqual([]);
    expect((await call(handlerB, SUPERVISION, { id: opened.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('records 约谈 with the unit’s leader, readable by the unit itself and not by another', async () => {
    const input = { unitId: UNIT_B, regionCode: '990102', personId: PERSON_A, talkDate: '2026-03-02', reason: '考评排名靠后', outcome: '主要负责人表态限期整改' };
    const talk = (await ok(citySupervisor, TALK, { input })).recordAdmonishingTalk;
    expect(talk).toMatchObject({ talkDate: '2026-03-02', person: { id: PERSON_A }, unit: { id: UNIT_B } });
    const ofB = await allPages<any>(async (after) => (await ok(handlerB, TALKS, { first: 5, after })).admonishingTalks);
    expect(ofB.nodes.map((n) => n.id)).toContain(talk.id);
    const ofA = await allPages<any>(async (after) => (await ok(handlerA, TALKS, { first: 5, after })).admonishingTalks);
    expect(ofA.nodes.every((n) => n.unit.id === UNIT_A)).toBe(true);
    expect(ofA.nodes.map((n) => n.id)).not.toContain(talk.id);
  });

  // Moves this file's clock forward: keep it last.
  it('turns a supervision overdue the moment its response deadline passes unanswered, and a late answer shows late', async () => {
    const problemId = (
      await ok(citySupervisor, REGISTER, {
        input: { source: 'COMPLAINT', sourceRef: 'TS-2026-0001', regionCode: '990102003', responsibleUnitId: UNIT_A, title: '投诉反映的乱收费问题', timeLimit: '2099-06-30' },
      })
    ).registerProblem.id;
    const opened = (await ok(citySupervisor, SUPERVISE, { input: { targetKind: 'PROBLEM', targetId: problemId, level: 'REMINDER', reason: '请限期说明整改情况', responseWorkingDays: 1 } }))
      .superviseItem;
    const due = Date.parse(opened.responseDueAt);
    const overdueList = async () => (await allPages<any>(async (after) => (await ok(citySupervisor, LIST, { filter: { overdue: true }, first: 50, after })).supervisions)).nodes.map((n) => n.id);
    // Just before the deadline (the end of the next working day): still on time.
    setClockOffset(due - Date.now() - 1500);
    expect(clockOffsetMs()).toBeGreaterThan(0);
    expect((await ok(citySupervisor, SUPERVISION, { id: opened.id })).supervision.overdue).toBe(false);
    expect(await overdueList()).not.toContain(opened.id);
    expect(events.some((e) => e.topic === 'supervision.overdue' && e.payload.id === opened.id)).toBe(false);
    // Nobody writes: the deadline passes and the watcher announces it then.
    const event = await eventually(() => events.find((e) => e.topic === 'supervision.overdue' && e.payload.id === opened.id), 5000);
    const announced = now().getTime();
    expect(announced).toBeGreaterThan(due);
    expect(announced - due).toBeLessThan(1500);
    expect(event.regionCode).toBe('990102003');
    expect((await ok(citySupervisor, SUPERVISION, { id: opened.id })).supervision.overdue).toBe(true);
    expect(await overdueList()).toContain(opened.id);
    const answered = (await ok(handlerA, RESPOND, { input: { id: opened.id, expectedVersion: 1, response: '已退还多收费用' } })).respondToSupervision;
    expect(answered).toMatchObject({ status: 'RESPONDED', overdue: false });
    const { supervision } = await ok(citySupervisor, SUPERVISION, { id: opened.id });
    expect(supervision.timeline[1]).toMatchObject({ action: 'RESPOND', late: true, responseDueAt: opened.responseDueAt });
    expect(await overdueList()).not.toContain(opened.id);
  });
});
