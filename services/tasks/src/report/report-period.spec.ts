import { describe, expect, it } from 'vitest';
import { periodContaining, periodOfKey, periodsOverlapping, ReportCadence } from './report-period.js';

describe('report periods', () => {
  it('aligns months, two-month blocks and quarters to the calendar year', () => {
    expect(periodContaining(ReportCadence.MONTHLY, '2026-02-14')).toMatchObject({ key: '2026-02', label: '2026年2月', endsOn: '2026-02-28' });
    expect(periodContaining(ReportCadence.BIMONTHLY, '2026-04-30')).toMatchObject({ key: '2026-03', label: '2026年3—4月', startsOn: '2026-03-01', endsOn: '2026-04-30' });
    expect(periodContaining(ReportCadence.QUARTERLY, '2026-11-23')).toMatchObject({ key: '2026-10', label: '2026年第四季度', endsOn: '2026-12-31' });
  });

  it('is due at the end of the last Shanghai day of the period', () => {
    expect(periodContaining(ReportCadence.MONTHLY, '2026-09-01').dueAt.toISOString()).toBe('2026-09-30T15:59:59.999Z');
    expect(periodContaining(ReportCadence.QUARTERLY, '2026-12-31').dueAt.toISOString()).toBe('2026-12-31T15:59:59.999Z');
  });

  it('lists every period a span touches, across a year end', () => {
    expect(periodsOverlapping(ReportCadence.BIMONTHLY, '2026-04-11', '2027-01-05').map((p) => p.key)).toEqual([
      '2026-03', '2026-05', '2026-07', '2026-09', '2026-11', '2027-01',
    ]);
    expect(periodsOverlapping(ReportCadence.MONTHLY, '2026-03-01', '2026-03-10').map((p) => p.key)).toEqual(['2026-03']);
    expect(periodsOverlapping(ReportCadence.QUARTERLY, '2026-08-01', '2026-12-31').map((p) => p.label)).toEqual(['2026年第三季度', '2026年第四季度']);
  });

  it('knows a period by its key only when such a period starts then', () => {
    expect(periodOfKey(ReportCadence.QUARTERLY, '2026-07')?.endsOn).toBe('2026-09-30');
    expect(periodOfKey(ReportCadence.QUARTERLY, '2026-08')).toBeNull();
    expect(periodOfKey(ReportCadence.BIMONTHLY, '2026-02')).toBeNull();
    expect(periodOfKey(ReportCadence.MONTHLY, '2026-13')).toBeNull();
    expect(periodOfKey(ReportCadence.MONTHLY, '2026-1')).toBeNull();
  });
});
