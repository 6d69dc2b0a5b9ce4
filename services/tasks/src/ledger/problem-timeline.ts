import { actorName, type Caller } from '@bizenv/common/auth';
import { insertRows } from '@bizenv/common/insert-rows';
import type { EntityManager } from 'typeorm';
import { ProblemTimelineEntry } from './problem-timeline-entry.entity.js';


type Step = Pick<ProblemTimelineEntry, 'problemId' | 'action' | 'fromStatus' | 'toStatus' | 'at'> &
  Partial<Pick<ProblemTimelineEntry, 'reason' | 'evidence' | 'evidenceFileRef'>>;

/** Appends steps to problems' timelines, in the caller's transaction. */
export async function recordProblemSteps(manager: EntityManager, actor: Caller, steps: Step[]): Promise<void> {
  if (!steps.length) return;
  await insertRows(
    manager,
    ProblemTimelineEntry,
    steps.map((step) => ({ reason: null, evidence: null, evidenceFileRef: null, ...step, actorId: actor.id, actorName: actorName(actor) })),
  );
}

/** Steps in the order they happened (the id breaks ties within a millisecond). */
export function readProblemTimeline(manager: EntityManager, problemId: string): Promise<ProblemTimelineEntry[]> {
  return manager.getRepository(ProblemTimelineEntry).find({ where: { problemId }, order: { at: 'ASC', id: 'ASC' } });
}
