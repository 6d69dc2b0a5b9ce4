import { Role, type Caller } from '@bizenv/common/auth';
import { CALENDAR_YEAR_LOADED } from '@bizenv/common/calendar-year';
import type { DomainEvent } from '@bizenv/common/event-bus';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, eventually, startTestSubgraph, unpublishedYear } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizationSubgraph } from '../src/subgraph.js';

const AUTH_SECRET = new TextEncoder().encode('organization-test-auth-secret-0123456789');
const admin: Caller = { id: 'admin-1', name: '系统管理员', roles: [Role.ADMIN], regionCode: '990100' };
const leader: Caller = { id: 'leader-1', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };
const screen: Caller = { id: 'screen-1', name: '大屏', roles: [Role.SCREEN], regionCode: '990100' };

const LOAD = `mutation($input: LoadCalendarYearInput!) { loadCalendarYear(input: $input) { year holidays workdays source loadedAt loadedBy } }`;
const YEARS = '{ calendarYears { year holidays workdays source loadedAt loadedBy } }';

describe.each(await databaseTargets())('the working calendar in the organization subgraph on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;
  const events: DomainEvent[] = [];
  const schedule = unpublishedYear();
  const rows = async () => Number((await subgraph.dataSource.query('SELECT COUNT(*) AS n FROM working_calendar_year'))[0].n);

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(organizationSubgraph({ authSecret: AUTH_SECRET, production: false }), target, events);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  it('lists the packaged years to anyone with statistics, a screen included', async () => {
    const { data } = await callSubgraph(subgraph.url, screen, YEARS);
    const years = data.calendarYears.map((y: { year: number }) => y.year);
    expect(years[0]).toBe(2004);
    expect(years).toContain(2026);
    expect(years).not.toContain(schedule.year);
    const y2026 = data.calendarYears.find((y: { year: number }) => y.year === 2026);
    expect(y2026.holidays).toContain('2026-10-01');
    expect(y2026.workdays).toEqual(expect.arrayContaining(['2026-02-14', '2026-02-28', '2026-10-10']));
    expect(y2026).toMatchObject({ loadedAt: null, loadedBy: null });
    expect((await callSubgraph(subgraph.url, null, YEARS)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('loads next year for an administrator, stores it and publishes it in one transaction', async () => {
    const input = { ...schedule, holidays: [...schedule.holidays].reverse(), source: '国办发明电〔测试〕1号' };
    const result = await callSubgraph(subgraph.url, admin, LOAD, { input });
    expect(result.errors).toBeUndefined();
    expect(result.data.loadCalendarYear).toMatchObject({ ...schedule, source: '国办发明电〔测试〕1号', loadedBy: '系统管理员' });
    const listed = (await callSubgraph(subgraph.url, leader, YEARS)).data.calendarYears.find((y: { year: number }) => y.year === schedule.year);
    expect(listed).toEqual(result.data.loadCalendarYear);
    const event = await eventually(() => events.find((e) => e.topic === CALENDAR_YEAR_LOADED && e.payload.year === schedule.year));
    expect(event.payload).toEqual({ ...schedule, source: '国办发明电〔测试〕1号', loadedAt: result.data.loadCalendarYear.loadedAt });
    expect(event.regionCode).toBe('');
  });

  it('replaces a year loaded again (a correction) and publishes it again', async () => {
    const corrected = { ...schedule, workdays: [], source: '更正' };
    expect((await callSubgraph(subgraph.url, admin, LOAD, { input: corrected })).errors).toBeUndefined();
    const listed = (await callSubgraph(subgraph.url, admin, YEARS)).data.calendarYears.filter((y: { year: number }) => y.year === schedule.year);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ workdays: [], source: '更正' });
    await eventually(() => events.find((e) => e.topic === CALENDAR_YEAR_LOADED && e.payload.source === '更正'));
  });

  it('refuses anyone but a system administrator, and bad input with the field named; nothing is stored or published', async () => {
    const before = await rows();
    const published = events.length;
    const input = { ...schedule, source: '测试' };
    expect((await callSubgraph(subgraph.url, leader, LOAD, { input })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const [bad, field] of [
      [{ year: schedule.year + 1 }, 'year'],
      [{ holidays: [`${schedule.year}-02-30`] }, 'holidays[0]'],
      [{ workdays: [schedule.holidays[0]] }, 'workdays[0]'],
      [{ source: '  ' }, 'source'],
    ] as const) {
      const result = await callSubgraph(subgraph.url, admin, LOAD, { input: { ...input, ...bad } });
      expect(result.errors?.[0].extensions, JSON.stringify(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await rows()).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events.length).toBe(published);
  });
});
