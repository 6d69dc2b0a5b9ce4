import { registerEnumType } from 'type-graphql';
import { now } from './clock.js';
import { shanghaiDate, startOfShanghaiDay, type WorkingCalendar } from './working-days.js';

/** 亮灯督办: the light of an open item (complaint, demand, task); the screen counts red and yellow. */
export enum Light {
  GREEN = 'GREEN',
  YELLOW = 'YELLOW',
  RED = 'RED',
}

registerEnumType(Light, {
  name: 'Light',
  description: '亮灯状态（未办结事项）',
  valuesConfig: {
    GREEN: { description: '绿灯：按期办理中' },
    YELLOW: { description: '黄灯：临近期限（期限在接下来的若干个工作日内，默认1个）' },
    RED: { description: '红灯：已超期' },
  },
});

/** The yellow window when nothing else is configured: due within the next working day. */
export const DEFAULT_YELLOW_WORKING_DAYS = 1;

/**
 * When an item due at `dueAt` turns yellow: at the start (Asia/Shanghai) of the `windowDays`-th
 * working day before its due day. From then on at most `windowDays` working days remain after
 * the current day, e.g. with 1 an item due at the end of Monday is yellow from Friday 00:00,
 * through the weekend. Stored beside the deadline, so counting and watching use an index.
 */
export function yellowAt(dueAt: Date, windowDays: number, calendar: WorkingCalendar): Date {
  return startOfShanghaiDay(calendar.workingDayBefore(shanghaiDate(dueAt), windowDays));
}

/**
 * The light of an open item at `at`. Red exactly when the item counts as overdue (`dueAt < at`),
 * yellow from `yellowAt` on (never without one), so a light, a count and a watcher's announcement
 * always agree.
 */
export function lightOf(item: { dueAt: Date; yellowAt: Date | null }, at: Date = now()): Light {
  if (item.dueAt < at) return Light.RED;
  if (item.yellowAt && item.yellowAt <= at) return Light.YELLOW;
  return Light.GREEN;
}
