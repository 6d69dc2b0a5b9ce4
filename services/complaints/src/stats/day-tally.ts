import { shanghaiDate } from '@bizenv/common/working-days';
import type { EntityManager } from 'typeorm';

/**
 * What `complaint_day_tally` counts per (region, Shanghai day): complaints received that day
 * (merged duplicates taken out again) and steps into 办结 that day (every close but a merge, as
 * CLOSE_ON_TIME counts them). The 30-day trend sums a region prefix's rows, never the items.
 */
export const DAY_MEASURE = { RECEIVED: 'RECEIVED', CLOSED: 'CLOSED' } as const;
export type DayMeasure = (typeof DAY_MEASURE)[keyof typeof DAY_MEASURE];

/** Adds `delta` to a region's count of `measure` on the Shanghai day of `at`, in the caller's transaction. */
export async function tallyDay(manager: EntityManager, regionCode: string, at: Date, measure: DayMeasure, delta: number): Promise<void> {
  const sql =
    manager.connection.options.type === 'mysql'
      ? 'INSERT INTO complaint_day_tally (regionCode, day, measure, count) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE count = count + VALUES(count)'
      : 'INSERT INTO complaint_day_tally (regionCode, day, measure, count) VALUES (?, ?, ?, ?) ON CONFLICT (regionCode, day, measure) DO UPDATE SET count = count + excluded.count';
  await manager.query(sql, [regionCode, shanghaiDate(at), measure, delta]);
}

/** SQL for the Shanghai "YYYY-MM-DD" of a UTC datetime column (China keeps UTC+8, no daylight saving). */
function shanghaiDay(manager: EntityManager, column: string): string {
  return manager.connection.options.type === 'mysql' ? `DATE_FORMAT(DATE_ADD(${column}, INTERVAL 8 HOUR), '%Y-%m-%d')` : `date(${column}, '+8 hours')`;
}

/** Recounts the day tally from the complaints and their timelines (a migration, the demo seed). */
export async function rebuildDayTally(manager: EntityManager): Promise<void> {
  await manager.query('DELETE FROM complaint_day_tally');
  const received = shanghaiDay(manager, 'c.receivedAt');
  await manager.query(
    `INSERT INTO complaint_day_tally (regionCode, day, measure, count)
     SELECT c.regionCode, ${received}, '${DAY_MEASURE.RECEIVED}', COUNT(*)
     FROM complaint c LEFT JOIN complaint_merge m ON m.duplicateId = c.id
     WHERE m.duplicateId IS NULL
     GROUP BY c.regionCode, ${received}`,
  );
  const closed = shanghaiDay(manager, 'e.at');
  await manager.query(
    `INSERT INTO complaint_day_tally (regionCode, day, measure, count)
     SELECT c.regionCode, ${closed}, '${DAY_MEASURE.CLOSED}', COUNT(*)
     FROM complaint_event_log e JOIN complaint c ON c.id = e.complaintId
     WHERE e.toStatus = 'CLOSED' AND e.fromStatus <> 'CLOSED' AND e.action <> 'MERGE'
     GROUP BY c.regionCode, ${closed}`,
  );
}
