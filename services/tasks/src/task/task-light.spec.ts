import { Light } from '@bizenv/common/lights';
import { endOfShanghaiDay, startOfShanghaiDay } from '@bizenv/common/working-days';
import { describe, expect, it } from 'vitest';
import { taskLight, taskWarnAt } from './task-light.js';
import { TaskStatus } from './task-status.js';

const open = (deadline: string, behindAt: Date | null = null) => {
  const due = endOfShanghaiDay(deadline);
  return { status: TaskStatus.IN_PROGRESS, deadline: due, warnAt: taskWarnAt(due, behindAt) };
};
const justBefore = (date: string) => new Date(startOfShanghaiDay(date).getTime() - 1);

describe('task lights on the 2026 holiday calendar', () => {
  it('turns yellow five working days before the deadline day, skipping Mid-Autumn and National Day', () => {
    // Due Fri 9 Oct: back over 8 Oct, the National Day holidays (1–7), 30, 29, 28 Sep, the
    // Mid-Autumn holidays (25–27) to Thu 24 Sep.
    const task = open('2026-10-09');
    expect(task.warnAt.toISOString()).toBe(startOfShanghaiDay('2026-09-24').toISOString());
    expect(taskLight(task, justBefore('2026-09-24'))).toBe(Light.GREEN);
    expect(taskLight(task, startOfShanghaiDay('2026-09-24'))).toBe(Light.YELLOW);
    expect(taskLight(task, endOfShanghaiDay('2026-10-09'))).toBe(Light.YELLOW);
    expect(taskLight(task, startOfShanghaiDay('2026-10-10'))).toBe(Light.RED);
  });

  it('counts the make-up Saturdays (调休上班) as working days', () => {
    // Due Mon 12 Oct: Sat 10 Oct is a working day, so the fifth one back is Tue 29 Sep.
    expect(open('2026-10-12').warnAt.toISOString()).toBe(startOfShanghaiDay('2026-09-29').toISOString());
    // Due Wed 25 Feb: 24 Feb, the Spring Festival (15–23), Sat 14 Feb (make-up), 13, 12, 11 Feb.
    expect(open('2026-02-25').warnAt.toISOString()).toBe(startOfShanghaiDay('2026-02-11').toISOString());
  });

  it('turns yellow earlier when the task falls behind its target pace', () => {
    const behindAt = new Date('2026-06-15T02:00:00Z');
    const task = open('2026-10-09', behindAt);
    expect(task.warnAt).toEqual(behindAt);
    expect(taskLight(task, new Date(behindAt.getTime() - 1))).toBe(Light.GREEN);
    expect(taskLight(task, behindAt)).toBe(Light.YELLOW);
    // Behind only after the deadline window opened: the window decides.
    expect(open('2026-10-09', new Date('2026-10-01T00:00:00Z')).warnAt.toISOString()).toBe(startOfShanghaiDay('2026-09-24').toISOString());
  });

  it('shows no light once done, and never yellow without a stored warning time', () => {
    expect(taskLight({ ...open('2026-10-09'), status: TaskStatus.DONE }, startOfShanghaiDay('2026-10-20'))).toBeNull();
    expect(taskLight({ status: TaskStatus.IN_PROGRESS, deadline: endOfShanghaiDay('2026-10-09'), warnAt: null }, startOfShanghaiDay('2026-10-09'))).toBe(Light.GREEN);
  });
});
