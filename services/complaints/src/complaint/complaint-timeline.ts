import { actorName, type Caller } from '@bizenv/common/auth';
import type { EntityManager } from 'typeorm';
import { ComplaintTimelineEntry } from './complaint-timeline-entry.entity.js';


type OptionalStepField = 'reason' | 'reply' | 'satisfaction' | 'unitId' | 'coUnitIds' | 'note';

/** Appends one step to a complaint's timeline, in the caller's transaction. */
export async function recordStep(
  manager: EntityManager,
  actor: Caller,
  step: Omit<ComplaintTimelineEntry, 'id' | 'actorId' | 'actorName' | OptionalStepField> & Partial<Pick<ComplaintTimelineEntry, OptionalStepField>>,
): Promise<void> {
  await manager.insert(ComplaintTimelineEntry, {
    reason: null,
    reply: null,
    satisfaction: null,
    unitId: null,
    coUnitIds: null,
    note: null,
    ...step,
    actorId: actor.id,
    actorName: actorName(actor),
  });
}

/** Steps in the order they happened (the id breaks ties within a millisecond). */
export function readTimeline(manager: EntityManager, complaintId: string): Promise<ComplaintTimelineEntry[]> {
  return manager.getRepository(ComplaintTimelineEntry).find({ where: { complaintId }, order: { at: 'ASC', id: 'ASC' } });
}
