import { now } from '@bizenv/common/clock';
import { OPEN_STATUSES } from '@bizenv/common/closed-loop';
import { subtreePrefix } from '@bizenv/common/region-code';
import type { EntityManager } from 'typeorm';
import { Complaint } from '../complaint/complaint.entity.js';
import { ComplaintDuplicate } from './complaint-duplicate.entity.js';
import { characterBigrams, jaccard } from './text-similarity.js';

/** Candidates: open complaints of the same district received this many days before or after. */
export const DUPLICATE_WINDOW_DAYS = 30;
/** The newest this many of them are compared (an index range, never a scan of the district). */
export const MAX_CANDIDATES = 200;
/** Flagged when the texts share this much (character-bigram Jaccard of title and content)… */
export const TEXT_THRESHOLD = 0.5;
/** …or this much when the complainant (or enterprise) is the same… */
export const SAME_COMPLAINANT_TEXT_THRESHOLD = 0.25;
/** …or this much when the unit complained about is the same (weaker: many people complain about one unit). */
export const SAME_SUBJECT_UNIT_TEXT_THRESHOLD = 0.35;
/** At most this many candidates are kept per complaint, best first. */
export const MAX_FLAGS = 5;

const DAY_MS = 86_400_000;

export interface Closeness {
  textSimilarity: number;
  sameComplainant: boolean;
  sameSubjectUnit: boolean;
  sameRegion: boolean;
  sameCategory: boolean;
  daysApart: number;
}

/**
 * 0–1: mostly the text (0.55), then the same complainant (0.15), the same unit complained about
 * (0.1), the same town (0.05), the same category (0.05) and how close in time (0.1); the
 * `DuplicateCandidate.score` description says the same. Only ranks the flagged candidates;
 * whether to flag is `isPossibleDuplicate`.
 */
export function duplicateScore(c: Closeness): number {
  const recency = Math.max(0, 1 - c.daysApart / DUPLICATE_WINDOW_DAYS);
  const score =
    0.55 * c.textSimilarity + 0.15 * +c.sameComplainant + 0.1 * +c.sameSubjectUnit + 0.05 * +c.sameRegion + 0.05 * +c.sameCategory + 0.1 * recency;
  return Math.min(1, Math.round(score * 1000) / 1000);
}

export function isPossibleDuplicate(c: Closeness): boolean {
  return (
    c.textSimilarity >= TEXT_THRESHOLD ||
    (c.sameComplainant && c.textSimilarity >= SAME_COMPLAINANT_TEXT_THRESHOLD) ||
    (c.sameSubjectUnit && c.textSimilarity >= SAME_SUBJECT_UNIT_TEXT_THRESHOLD)
  );
}

const textOf = (c: Pick<Complaint, 'title' | 'content'>) => characterBigrams(`${c.title}\n${c.content}`);

/**
 * At 受理 (and for every imported row), in its transaction: compares the new complaint with the
 * open complaints near it and flags the closest as possible duplicates. `sameComplainantIds`:
 * complaints whose complainant (phone, ID number or enterprise) is the same as this one's.
 */
export async function flagDuplicates(manager: EntityManager, complaint: Complaint, sameComplainantIds: Iterable<string> = []): Promise<void> {
  const received = complaint.receivedAt.getTime();
  const candidates = await manager
    .getRepository(Complaint)
    .createQueryBuilder('c')
    .select(['c.id', 'c.title', 'c.content', 'c.regionCode', 'c.subjectUnitId', 'c.category', 'c.receivedAt'])
    .where('c.receivedAt BETWEEN :from AND :to', { from: new Date(received - DUPLICATE_WINDOW_DAYS * DAY_MS), to: new Date(received + DUPLICATE_WINDOW_DAYS * DAY_MS) })
    .andWhere('c.regionCode LIKE :district', { district: `${subtreePrefix(complaint.regionCode.slice(0, 6))}%` })
    // The open statuses listed: read from the open-complaint index, never the district's closed ones.
    .andWhere('c.dispatchStatus IN (:...open)', { open: OPEN_STATUSES })
    .andWhere('c.id <> :id', { id: complaint.id })
    .orderBy('c.receivedAt', 'DESC')
    .limit(MAX_CANDIDATES)
    .getMany();
  if (!candidates.length) return;
  const same = new Set(sameComplainantIds);
  const text = textOf(complaint);
  const flags = candidates
    .map((candidate) => {
      const closeness: Closeness = {
        textSimilarity: jaccard(text, textOf(candidate)),
        sameComplainant: same.has(candidate.id),
        sameSubjectUnit: complaint.subjectUnitId != null && candidate.subjectUnitId === complaint.subjectUnitId,
        sameRegion: candidate.regionCode === complaint.regionCode,
        sameCategory: candidate.category === complaint.category,
        daysApart: Math.abs(candidate.receivedAt.getTime() - received) / DAY_MS,
      };
      return { candidate, closeness, score: duplicateScore(closeness) };
    })
    .filter((flag) => isPossibleDuplicate(flag.closeness))
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_FLAGS);
  if (!flags.length) return;
  await manager.insert(
    ComplaintDuplicate,
    flags.map(({ candidate, closeness, score }) => ({
      complaintId: complaint.id,
      candidateId: candidate.id,
      scoreMille: Math.round(score * 1000),
      textSimilarityMille: Math.round(closeness.textSimilarity * 1000),
      sameComplainant: closeness.sameComplainant,
      sameSubjectUnit: closeness.sameSubjectUnit,
      sameRegion: closeness.sameRegion,
      sameCategory: closeness.sameCategory,
      flaggedAt: now(),
    })),
  );
}
