import { Light, lightOf } from '@bizenv/common/lights';
import { endOfShanghaiDay } from '@bizenv/common/working-days';
import type { EvaluationItem } from './evaluation-item.js';

export interface DayLights {
  date: string;
  green: number;
  yellow: number;
  red: number;
}

/**
 * The lights each unit's open items showed at the end of each day (or now, for today), derived
 * from the items themselves: an item is open from its registration until it closed, and its light
 * follows from its deadline and yellow time. No daily snapshot is stored, none can be missed, and
 * any past range can be asked for. Items closed at an unknown time are left out.
 */
export function lightsByDay(items: EvaluationItem[], days: string[], now: Date): Map<string, DayLights[]> {
  const moments = days.map((date) => {
    const end = endOfShanghaiDay(date);
    return end < now ? end : now;
  });
  const byUnit = new Map<string, DayLights[]>();
  for (const item of items) {
    if (item.closed && !item.closedAt) continue;
    let counts = byUnit.get(item.unitId);
    moments.forEach((at, i) => {
      const exists = !item.createdAt || item.createdAt <= at;
      const open = !item.closed || item.closedAt! > at;
      if (!exists || !open) return;
      if (!counts) byUnit.set(item.unitId, (counts = days.map((date) => ({ date, green: 0, yellow: 0, red: 0 }))));
      const light = lightOf(item, at);
      if (light === Light.RED) counts[i].red++;
      else if (light === Light.YELLOW) counts[i].yellow++;
      else counts[i].green++;
    });
  }
  return byUnit;
}
