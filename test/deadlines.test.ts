import { randomUUID } from 'node:crypto';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { clockOffsetMs, now } from '@bizenv/common/clock';
import { databaseTargets, type DatabaseTarget, unpublishedYear } from '@bizenv/common/testing';
import { bundledSchedules, officialCalendar, WorkingCalendar } from '@bizenv/common/working-days';
import { Channel, ComplaintCategory } from '@bizenv/complaints/complaint/complaint-enums';
import { Complaint } from '@bizenv/complaints/complaint/complaint.entity';
import { Demand } from '@bizenv/enterprise-service/demand/demand.entity';
import { demandDeadlines } from '@bizenv/enterprise-service/demand/demand-deadline';
import { Enterprise } from '@bizenv/enterprise-service/enterprise/enterprise.entity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from './support/system.js';

const ADVANCE = 'mutation($s: Int!) { advanceClock(seconds: $s) { now } }';
const RECEIVE = `mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id receivedAt replyDueAt closeDueAt deadlineProvisional } }`;
const COMPLAINT = 'query($id: ID!) { complaint(id: $id) { replyDueAt closeDueAt dueAt deadlineProvisional light } }';
const DEMAND = 'query($id: ID!) { demand(id: $id) { dueAt replyDueAt closeDueAt deadlineProvisional light } }';
const LOAD = 'mutation($input: LoadCalendarYearInput!) { loadCalendarYear(input: $input) { year loadedBy } }';
const YEARS = '{ calendarYears { year source loadedBy } }';

/**
 * End to end through the gateway: a complaint turning yellow reaches a live screen at its time;
 * an administrator loads next year's holiday schedule, and the deadlines counted into that year
 * (a complaint's and a demand's) are counted again, no longer provisional.
 */
describe.each(await databaseTargets())('deadlines through the gateway on $name', ({ create }) => {
  let target: DatabaseTarget;
  let system: TestSystem;
  const schedule = unpublishedYear();
  const calendar = new WorkingCalendar([...bundledSchedules(), schedule]);

  beforeAll(async () => {
    target = create();
    system = await startTestSystem(target);
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await target?.dispose();
  });

  it('sends a live frame within a second of a complaint turning yellow, with no write to it', async () => {
    const leader = await system.login('city.leader');
    const client = system.subscribe(leader);
    const frames: { dueSoon: number; at: number }[] = [];
    const stop = client.subscribe(
      { query: 'subscription { regionStats(code: "990103") { complaintStats { dueSoon overdue } } }' },
      { next: (frame: any) => frames.push({ dueSoon: frame.data?.regionStats.complaintStats.dueSoon, at: Date.now() }), error: () => {}, complete: () => {} },
    );
    try {
      const first = await eventually(() => frames[0]);
      const complaints = system.subgraphs.find((s) => s.name === 'complaints')!;
      const yellowAt = new Date(now().getTime() + 800);
      const dueAt = new Date(now().getTime() + 3600_000);
      await complaints.outbox.write((manager) =>
        manager.insert(Complaint, {
          id: randomUUID(), channel: Channel.HOTLINE_12345, category: ComplaintCategory.OTHER, title: '临期件', content: '临期件', regionCode: '990103002',
          unitId: null, receivedAt: now(), replyDueAt: dueAt, closeDueAt: dueAt, deadlineProvisional: false, dueAt, yellowAt, dispatchStatus: DispatchStatus.ACCEPTED, version: 1,
        }),
      );
      const frame = await eventually(() => frames.find((f) => f.dueSoon === first.dueSoon + 1), 5000);
      // Frames carry real time; the test clock may run ahead of it.
      expect(frame.at - (yellowAt.getTime() - clockOffsetMs())).toBeLessThan(1000);
    } finally {
      stop();
      await client.dispose();
    }
  });

  it('recounts a complaint and a demand not yet due, and clears their provisional mark', async () => {
    const [admin, hotline, leader] = [await system.login('admin'), await system.login('hotline'), await system.login('city.leader')];
    // Late December: what is received now is due in next year, which has no published schedule yet.
    const lateDecember = new Date(`${schedule.year - 1}-12-28T10:00:00+08:00`);
    if (lateDecember > now()) {
      const moved = await system.query(ADVANCE, { s: Math.ceil((lateDecember.getTime() - now().getTime()) / 1000) }, admin);
      expect(moved.errors).toBeUndefined();
    }
    const received = await system.query(RECEIVE, { input: { channel: 'HOTLINE_12345', category: 'OTHER', title: '跨年办理的投诉', content: '年底受理', regionCode: '990102001' } }, hotline);
    expect(received.errors).toBeUndefined();
    const complaint = received.data.receiveComplaint;
    expect(complaint.deadlineProvisional).toBe(true);

    const enterprises = system.subgraphs.find((s) => s.name === 'enterprise-service')!.dataSource;
    const enterprise = await enterprises.getRepository(Enterprise).findOneByOrFail({ regionCode: '990102001' });
    const raisedAt = now();
    const packaged = demandDeadlines(raisedAt, officialCalendar);
    expect(packaged.deadlineProvisional).toBe(true);
    const demandId = randomUUID();
    await enterprises.getRepository(Demand).insert({
      id: demandId, enterpriseId: enterprise.id, title: '跨年诉求', regionCode: enterprise.regionCode, unitId: null,
      raisedAt, ...packaged, status: DispatchStatus.AWAITING_DISPATCH, version: 1,
    });

    const loaded = await system.query(LOAD, { input: { ...schedule, source: '国务院办公厅通知（测试）' } }, admin);
    expect(loaded.errors).toBeUndefined();
    expect(loaded.data.loadCalendarYear).toEqual({ year: schedule.year, loadedBy: '系统管理员' });

    const reply = calendar.addWorkingDays(new Date(complaint.receivedAt), 7).dueAt.toISOString();
    const close = calendar.addWorkingDays(new Date(complaint.receivedAt), 30).dueAt.toISOString();
    expect(reply).not.toBe(complaint.replyDueAt);
    const recounted = await eventually(async () => {
      const current = (await system.query(COMPLAINT, { id: complaint.id }, hotline)).data.complaint;
      return !current.deadlineProvisional && current;
    });
    expect(recounted).toEqual({ replyDueAt: reply, closeDueAt: close, dueAt: reply, deadlineProvisional: false, light: 'GREEN' });

    const demand = await eventually(async () => {
      const current = (await system.query(DEMAND, { id: demandId }, leader)).data.demand;
      return !current.deadlineProvisional && current;
    });
    // Counted again as a complaint is: both deadlines, the reply one still in force.
    expect(demand).toEqual({
      dueAt: calendar.addWorkingDays(raisedAt, 5).dueAt.toISOString(),
      replyDueAt: calendar.addWorkingDays(raisedAt, 5).dueAt.toISOString(),
      closeDueAt: calendar.addWorkingDays(raisedAt, 30).dueAt.toISOString(),
      deadlineProvisional: false,
      light: 'GREEN',
    });
    expect(demand.dueAt).not.toBe(packaged.dueAt.toISOString());

    const years = (await system.query(YEARS, {}, leader)).data.calendarYears;
    expect(years.at(-1)).toEqual({ year: schedule.year, source: '国务院办公厅通知（测试）', loadedBy: '系统管理员' });
    // A complaint received from now on counts with the loaded year at once.
    const later = await system.query(RECEIVE, { input: { channel: 'HOTLINE_12345', category: 'OTHER', title: '载入后受理', content: '年底受理', regionCode: '990102001' } }, hotline);
    expect(later.data.receiveComplaint.deadlineProvisional).toBe(false);
  });
});
