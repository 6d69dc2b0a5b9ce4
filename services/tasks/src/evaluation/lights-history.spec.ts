import { describe, expect, it } from 'vitest';
import type { EvaluationItem } from './evaluation-item.js';
import { lightsByDay } from './lights-history.js';

const at = (text: string) => new Date(`${text}+08:00`);
const DAYS = ['2026-07-01', '2026-07-02', '2026-07-03', '2026-07-04'];

function item(overrides: Partial<EvaluationItem>): EvaluationItem {
  return {
    kind: 'PROBLEM',
    unitId: 'u1',
    createdAt: at('2026-07-01T09:00:00'),
    dueAt: at('2026-07-03T23:59:59.999'),
    yellowAt: at('2026-07-02T00:00:00'),
    closed: false,
    closedAt: null,
    onTime: null,
    ...overrides,
  };
}

const lights = (counts: { green: number; yellow: number; red: number }[]) => counts.map(({ green, yellow, red }) => [green, yellow, red]);

describe('lights history', () => {
  it('follows an open item green → yellow → red at the end of each day', () => {
    const history = lightsByDay([item({})], DAYS, at('2026-07-10T00:00:00'));
    expect(lights(history.get('u1')!)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(history.get('u1')!.map((day) => day.date)).toEqual(DAYS);
  });

  it('counts an item only from its registration until it closed', () => {
    const late = item({ createdAt: at('2026-07-02T10:00:00'), closed: true, closedAt: at('2026-07-04T08:00:00'), onTime: false });
    expect(lights(lightsByDay([late], DAYS, at('2026-07-10T00:00:00')).get('u1')!)).toEqual([
      [0, 0, 0],
      [0, 1, 0],
      [0, 1, 0],
      [0, 0, 0],
    ]);
  });

  it('takes today at the current moment, and leaves out items closed at an unknown time', () => {
    const history = lightsByDay([item({ unitId: 'u2' }), item({ closed: true, closedAt: null })], ['2026-07-03'], at('2026-07-03T12:00:00'));
    expect(lights(history.get('u2')!)).toEqual([[0, 1, 0]]);
    expect(history.has('u1')).toBe(false);
  });
});
