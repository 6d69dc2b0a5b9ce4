import { describe, expect, it } from 'vitest';
import { Light, lightOf, yellowAt } from './lights.js';
import { officialCalendar } from './working-days.js';

const shanghai = (iso: string) => new Date(`${iso}+08:00`);

describe('lights', () => {
  const item = { dueAt: shanghai('2026-10-13T23:59:59.999'), yellowAt: shanghai('2026-10-12T00:00:00') };

  it('is green before yellowAt, yellow from it, red once the deadline has passed', () => {
    expect(lightOf(item, shanghai('2026-10-11T23:59:59.999'))).toBe(Light.GREEN);
    expect(lightOf(item, shanghai('2026-10-12T00:00:00'))).toBe(Light.YELLOW);
    expect(lightOf(item, shanghai('2026-10-13T23:59:59.999'))).toBe(Light.YELLOW);
    expect(lightOf(item, shanghai('2026-10-14T00:00:00'))).toBe(Light.RED);
    expect(lightOf({ ...item, yellowAt: null }, shanghai('2026-10-13T12:00:00'))).toBe(Light.GREEN);
  });

  it('turns yellow at the start of the working day(s) before the due day, over weekends and holidays', () => {
    // Due Monday 19 Oct 2026: yellow from Friday 16 Oct, through the weekend.
    expect(yellowAt(shanghai('2026-10-19T23:59:59.999'), 1, officialCalendar)).toEqual(shanghai('2026-10-16T00:00:00'));
    // Due Thursday 8 Oct, the first day after National Day: yellow from Wednesday 30 Sep.
    expect(yellowAt(shanghai('2026-10-08T23:59:59.999'), 1, officialCalendar)).toEqual(shanghai('2026-09-30T00:00:00'));
    // Due Wed 14 Oct with a window of 2: from Mon 12 Oct; with 3: from Sat 10 Oct, a make-up workday.
    expect(yellowAt(shanghai('2026-10-14T23:59:59.999'), 2, officialCalendar)).toEqual(shanghai('2026-10-12T00:00:00'));
    expect(yellowAt(shanghai('2026-10-14T23:59:59.999'), 3, officialCalendar)).toEqual(shanghai('2026-10-10T00:00:00'));
  });
});
