import { DispatchStatus, SATISFIED_RATINGS, type Satisfaction } from '@bizenv/common/closed-loop';
import type { EntityManager } from 'typeorm';
import { ComplaintTimelineAction } from '../complaint/complaint-enums.js';
import { ComplaintTimelineEntry } from '../complaint/complaint-timeline-entry.entity.js';
import type { Complaint } from '../complaint/complaint.entity.js';
import { DAY_MEASURE, tallyDay } from './day-tally.js';

/**
 * What `complaint_stat_tally` counts per (region, lead unit, category): how many complaints are
 * in each dispatch status now (MERGED: duplicates merged into another complaint, counted nowhere
 * else), and facts that happened once: the first reply and whether it was on time, each 回访
 * and whether it was satisfied, each close and whether it was on time.
 */
export const FACT = {
  /** First reply of a complaint (a reply after 重办 is not counted again). */
  REPLY: 'REPLY',
  REPLY_ON_TIME: 'REPLY_ON_TIME',
  /** 回访: a close (satisfied) or a 重办 (dissatisfied). */
  RATING: 'RATING',
  SATISFIED: 'SATISFIED',
  /** Closed (办结, 不予受理, …) no later than the close deadline. */
  CLOSE_ON_TIME: 'CLOSE_ON_TIME',
} as const;
export const MERGED = 'MERGED';
export type Measure = DispatchStatus | typeof MERGED | (typeof FACT)[keyof typeof FACT];

/** Rows keyed without a unit use '' (part of the primary key, so never null). */
export const NO_UNIT = '';

type Key = Pick<Complaint, 'regionCode' | 'category' | 'unitId'>;

async function adjust(manager: EntityManager, key: Key, measure: Measure, delta: number): Promise<void> {
  const sql =
    manager.connection.options.type === 'mysql'
      ? 'INSERT INTO complaint_stat_tally (regionCode, unitId, category, measure, count) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE count = count + VALUES(count)'
      : 'INSERT INTO complaint_stat_tally (regionCode, unitId, category, measure, count) VALUES (?, ?, ?, ?, ?) ON CONFLICT (regionCode, unitId, category, measure) DO UPDATE SET count = count + excluded.count';
  await manager.query(sql, [key.regionCode, key.unitId ?? NO_UNIT, key.category, measure, delta]);
}

export interface StepFacts {
  action: ComplaintTimelineAction;
  satisfaction?: Satisfaction | null;
  at: Date;
}

const SATISFIED = new Set<Satisfaction | null | undefined>(SATISFIED_RATINGS);

/**
 * Keeps the tally in step with one closed-loop step (`before` null: 受理), in the step's
 * transaction and before its timeline entry is written. Facts go to the unit that acted.
 */
export async function tallyStep(manager: EntityManager, before: Complaint | null, after: Complaint, step: StepFacts): Promise<void> {
  if (before) await adjust(manager, before, before.dispatchStatus, -1);
  await adjust(manager, after, after.dispatchStatus, 1);
  const unit = { ...after, unitId: after.unitId ?? before?.unitId ?? null };
  if (step.action === ComplaintTimelineAction.REPLY) {
    const repliedBefore = await manager.existsBy(ComplaintTimelineEntry, { complaintId: after.id, action: ComplaintTimelineAction.REPLY });
    if (!repliedBefore) {
      await adjust(manager, unit, FACT.REPLY, 1);
      if (step.at <= after.replyDueAt) await adjust(manager, unit, FACT.REPLY_ON_TIME, 1);
    }
  }
  if (step.action === ComplaintTimelineAction.CLOSE || step.action === ComplaintTimelineAction.REDO) {
    await adjust(manager, unit, FACT.RATING, 1);
    if (SATISFIED.has(step.satisfaction)) await adjust(manager, unit, FACT.SATISFIED, 1);
  }
  if (!before) await tallyDay(manager, after.regionCode, after.receivedAt, DAY_MEASURE.RECEIVED, 1);
  if (after.dispatchStatus === DispatchStatus.CLOSED && before?.dispatchStatus !== DispatchStatus.CLOSED) {
    await tallyDay(manager, after.regionCode, step.at, DAY_MEASURE.CLOSED, 1);
    if (step.at <= after.closeDueAt) await adjust(manager, unit, FACT.CLOSE_ON_TIME, 1);
  }
}

/** A duplicate merged into another complaint leaves its status count for MERGED. */
export async function tallyMerge(manager: EntityManager, duplicate: Complaint): Promise<void> {
  await adjust(manager, duplicate, duplicate.dispatchStatus, -1);
  await adjust(manager, duplicate, MERGED, 1);
  await tallyDay(manager, duplicate.regionCode, duplicate.receivedAt, DAY_MEASURE.RECEIVED, -1);
}

/** Event-log rows that are each one fact, as SQL over `complaint_event_log e JOIN complaint c`. */
const FACT_EVENTS: Record<(typeof FACT)[keyof typeof FACT], string> = {
  REPLY: `e.action = 'REPLY' AND ${firstReply()}`,
  REPLY_ON_TIME: `e.action = 'REPLY' AND ${firstReply()} AND e.at <= c.replyDueAt`,
  RATING: `e.action IN ('CLOSE', 'REDO')`,
  SATISFIED: `e.action = 'CLOSE' AND e.satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED')`,
  // Every step into CLOSED (办结, 不予受理, a clue transfer) but a merge, as `tallyStep` counts it.
  CLOSE_ON_TIME: `e.toStatus = 'CLOSED' AND e.fromStatus <> 'CLOSED' AND e.action <> 'MERGE' AND e.at <= c.closeDueAt`,
};

function firstReply(): string {
  return `NOT EXISTS (SELECT 1 FROM complaint_event_log p WHERE p.complaintId = e.complaintId AND p.action = 'REPLY' AND (p.at < e.at OR (p.at = e.at AND p.id < e.id)))`;
}

/** Recounts the tally from the complaints and their timelines (a migration, the demo seed). */
export async function rebuildStatTally(manager: EntityManager): Promise<void> {
  await manager.query('DELETE FROM complaint_stat_tally');
  await manager.query(
    `INSERT INTO complaint_stat_tally (regionCode, unitId, category, measure, count)
     SELECT c.regionCode, COALESCE(c.unitId, ''), c.category, CASE WHEN m.duplicateId IS NULL THEN c.dispatchStatus ELSE '${MERGED}' END, COUNT(*)
     FROM complaint c LEFT JOIN complaint_merge m ON m.duplicateId = c.id
     GROUP BY c.regionCode, COALESCE(c.unitId, ''), c.category, CASE WHEN m.duplicateId IS NULL THEN c.dispatchStatus ELSE '${MERGED}' END`,
  );
  for (const [measure, condition] of Object.entries(FACT_EVENTS)) {
    await manager.query(
      `INSERT INTO complaint_stat_tally (regionCode, unitId, category, measure, count)
       SELECT c.regionCode, COALESCE(e.unitId, ''), c.category, '${measure}', COUNT(*)
       FROM complaint_event_log e JOIN complaint c ON c.id = e.complaintId
       WHERE ${condition}
       GROUP BY c.regionCode, COALESCE(e.unitId, ''), c.category`,
    );
  }
}
