import { endOfShanghaiDay, shanghaiDate } from '@bizenv/common/working-days';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// A time must carry its zone: without one, JavaScript would read it in the server's zone.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

// Date.parse quietly rolls 2026-02-30 over to March 2; a written date must exist as written.
function isCalendarDate(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === date;
}

/** Whether `value` is a day that exists, written "YYYY-MM-DD" (a Shanghai calendar day). */
export function isDay(value: string): boolean {
  return DATE_ONLY.test(value) && isCalendarDate(value);
}

/**
 * A task's deadline is a day ("2022年底前"): the end of that Shanghai day. Accepts the day
 * itself or an instant with a zone (which names its Shanghai day); null when unparseable.
 */
export function parseDeadlineDay(value: string): Date | null {
  const text = value.trim();
  if (!(DATE_ONLY.test(text) || DATE_TIME.test(text)) || !isCalendarDate(text.slice(0, 10))) return null;
  if (DATE_ONLY.test(text)) return endOfShanghaiDay(text);
  const instant = Date.parse(text);
  if (Number.isNaN(instant)) return null;
  return endOfShanghaiDay(shanghaiDate(new Date(instant)));
}
