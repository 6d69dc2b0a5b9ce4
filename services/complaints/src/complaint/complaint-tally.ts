import type { EntityManager } from 'typeorm';
import type { DispatchStatus } from '@bizenv/common/closed-loop';

/**
 * Running counts per (town or other region code, dispatch status), kept in the same transaction
 * as every complaint write, so statistics read a few hundred tally rows instead of scanning
 * every complaint. (Overdue depends on the time and is counted from the deadline index.)
 */
export async function adjustTally(manager: EntityManager, regionCode: string, status: DispatchStatus, delta: number): Promise<void> {
  // One atomic upsert: concurrent first writes for a region cannot both insert.
  const sql =
    manager.connection.options.type === 'mysql'
      ? 'INSERT INTO complaint_tally (regionCode, dispatchStatus, count) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE count = count + VALUES(count)'
      : 'INSERT INTO complaint_tally (regionCode, dispatchStatus, count) VALUES (?, ?, ?) ON CONFLICT (regionCode, dispatchStatus) DO UPDATE SET count = count + excluded.count';
  await manager.query(sql, [regionCode, status, delta]);
}

/** Recounts the tally from the complaints themselves (after a seed or a bulk load). */
export async function rebuildTally(manager: EntityManager): Promise<void> {
  await manager.query('DELETE FROM complaint_tally');
  await manager.query(
    'INSERT INTO complaint_tally (regionCode, dispatchStatus, count) SELECT regionCode, dispatchStatus, COUNT(*) FROM complaint GROUP BY regionCode, dispatchStatus',
  );
}
