import { actorName, type Caller } from '@bizenv/common/auth';
import type { EntityManager } from 'typeorm';
import { DemandTimelineEntry } from './demand-timeline-entry.entity.js';


/** Appends one step to a demand's timeline, in the caller's transaction. */
export async function recordDemandStep(manager: EntityManager, actor: Caller, step: Omit<DemandTimelineEntry, 'id' | 'actorId' | 'actorName'>): Promise<void> {
  await manager.insert(DemandTimelineEntry, { ...step, actorId: actor.id, actorName: actorName(actor) });
}

/** Steps in the order they happened (the id breaks ties within a millisecond). */
export function readDemandTimeline(manager: EntityManager, demandId: string): Promise<DemandTimelineEntry[]> {
  return manager.getRepository(DemandTimelineEntry).find({ where: { demandId }, order: { at: 'ASC', id: 'ASC' } });
}
