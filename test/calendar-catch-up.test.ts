import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role, type Caller } from '@bizenv/common/auth';
import { CALENDAR_YEAR_LOADED } from '@bizenv/common/calendar-year';
import { now } from '@bizenv/common/clock';
import { InProcessEventBus, type DomainEvent } from '@bizenv/common/event-bus';
import { runSubgraph, type RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, eventually, moveClockTo, TEST_IDENTITY_KEYS, TEST_SECRET, unpublishedYear } from '@bizenv/common/testing';
import { bundledSchedules, WorkingCalendar } from '@bizenv/common/working-days';
import { organizationSubgraph } from '@bizenv/organization/subgraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel, ComplaintCategory } from '@bizenv/complaints/complaint/complaint-enums';
import { complaintsSubgraph } from '@bizenv/complaints/subgraph';

const admin: Caller = { id: 'admin-1', name: '系统管理员', roles: [Role.ADMIN], regionCode: '990100' };
const hotline: Caller = { id: 'op-1', name: '受理员甲', roles: [Role.HOTLINE_OPERATOR], regionCode: '990100' };
const FIELDS = 'id version receivedAt replyDueAt closeDueAt dueAt deadlineProvisional';
const RECEIVE = `mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { ${FIELDS} } }`;
const GET = `query($id: ID!) { complaint(id: $id) { ${FIELDS} } }`;
const LOAD = `mutation($input: LoadCalendarYearInput!) { loadCalendarYear(input: $input) { year loadedAt } }`;

const schedule = unpublishedYear();
// Late December before it: the reply and the close deadline both run into the unpublished year.
moveClockTo(new Date(`${schedule.year - 1}-12-28T10:00:00+08:00`));

describe.each(await databaseTargets())('a calendar year loaded at run time, in the complaints subgraph on $name', ({ create }) => {
  let target: DatabaseTarget;
  let organization: RunningSubgraph<any>;
  let complaints: RunningSubgraph<any> | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'bizenv-calendar-'));
  const published: DomainEvent[] = [];
  const complaintEvents: DomainEvent[] = [];
  // Organization and complaints on buses of their own: complaints hears nothing organization publishes.
  const complaintBus = new InProcessEventBus();
  complaintBus.subscribe((event) => complaintEvents.push(event));

  const startComplaints = async (peers: Record<string, string>) => {
    complaints = await runSubgraph(complaintsSubgraph({ identity: TEST_IDENTITY_KEYS }), {
      databaseUrl: target.databaseUrl, dataDir: target.databaseUrl ? undefined : join(dataDir, 'complaints'), bus: complaintBus,
      internalSecret: TEST_SECRET, port: 0, host: '127.0.0.1', seed: false, testClock: true, peers,
    });
    return complaints;
  };
  const stopComplaints = async () => {
    await complaints?.stop();
    complaints = undefined;
  };
  const receive = async () => {
    const result = await callSubgraph(complaints!.url, hotline, RECEIVE, {
      input: { channel: Channel.HOTLINE_12345, category: ComplaintCategory.OTHER, title: '年底受理', content: '跨年办理', regionCode: '990102002' },
    });
    expect(result.errors).toBeUndefined();
    return result.data.receiveComplaint;
  };
  const get = async (id: string) => (await callSubgraph(complaints!.url, hotline, GET, { id })).data.complaint;

  beforeAll(async () => {
    target = create();
    const bus = new InProcessEventBus();
    bus.subscribe((event) => published.push(event));
    organization = await runSubgraph(organizationSubgraph({ authSecret: new Uint8Array(32), production: false }), {
      databaseUrl: target.databaseUrl, bus, internalSecret: TEST_SECRET, port: 0, host: '127.0.0.1', seed: false, testClock: true,
    });
  });

  afterAll(async () => {
    await stopComplaints();
    await organization?.stop();
    await target?.dispose();
  });

  it('catches up on start with a year loaded while it was not listening, and keeps it after a restart', async () => {
    await startComplaints({});
    const received = await receive();
    expect(received.deadlineProvisional).toBe(true);
    await stopComplaints();

    const loaded = await callSubgraph(organization.url, admin, LOAD, { input: { ...schedule, source: '测试通知' } });
    expect(loaded.errors).toBeUndefined();
    await eventually(() => published.some((e) => e.topic === CALENDAR_YEAR_LOADED));

    // Started again, it asks organization (a signed call) for what it missed.
    await startComplaints({ organization: organization.url });
    const calendar = new WorkingCalendar([...bundledSchedules(), schedule]);
    const expected = {
      replyDueAt: calendar.addWorkingDays(new Date(received.receivedAt), 7).dueAt.toISOString(),
      closeDueAt: calendar.addWorkingDays(new Date(received.receivedAt), 30).dueAt.toISOString(),
    };
    const recounted = await eventually(async () => {
      const complaint = await get(received.id);
      return !complaint.deadlineProvisional && complaint;
    });
    expect(recounted).toEqual({ ...received, ...expected, dueAt: expected.replyDueAt, deadlineProvisional: false, version: received.version + 1 });
    expect(recounted.replyDueAt).not.toBe(received.replyDueAt);
    const changed = await eventually(() => complaintEvents.find((e) => e.topic === 'complaint.deadline-changed' && e.payload.id === received.id));
    expect(changed).toMatchObject({ regionCode: '990102002', payload: { dueAt: expected.replyDueAt, deadlineProvisional: false } });

    // Restarted without organization: the stored year is counted with from the start.
    await stopComplaints();
    await startComplaints({});
    const later = await receive();
    expect(later.deadlineProvisional).toBe(false);
    expect(later.closeDueAt).toBe(expected.closeDueAt);
  });

  it('changes nothing when the same year arrives again', async () => {
    const event = published.find((e) => e.topic === CALENDAR_YEAR_LOADED)!;
    const before = await complaints!.dataSource.query('SELECT id, version, dueAt FROM complaint ORDER BY id');
    const changes = () => complaintEvents.filter((e) => e.topic === 'complaint.deadline-changed').length;
    const count = changes();
    // A repeat from the relay (at-least-once), twice.
    await complaintBus.publish(event);
    await complaintBus.publish(event);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await complaints!.dataSource.query('SELECT id, version, dueAt FROM complaint ORDER BY id')).toEqual(before);
    expect(changes()).toBe(count);
  });

  it('recounts when a corrected year arrives as an event', async () => {
    const complaint = await receive();
    const corrected = { ...schedule, holidays: schedule.holidays.slice(0, 1), workdays: [] };
    await complaintBus.publish({ ...published.find((e) => e.topic === CALENDAR_YEAR_LOADED)!, seq: 999, payload: { ...corrected, source: '更正', loadedAt: now().toISOString() } });
    const calendar = new WorkingCalendar([...bundledSchedules(), corrected]);
    const updated = await eventually(async () => {
      const current = await get(complaint.id);
      return current.version > complaint.version && current;
    });
    expect(updated.replyDueAt).toBe(calendar.addWorkingDays(new Date(complaint.receivedAt), 7).dueAt.toISOString());
    expect(updated.replyDueAt < complaint.replyDueAt).toBe(true);
  });
});
