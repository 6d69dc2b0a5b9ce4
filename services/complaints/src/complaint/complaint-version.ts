import { staleItem } from '@bizenv/common/closed-loop-transitions';
import type { EntityManager } from 'typeorm';
import { Complaint } from './complaint.entity.js';

export const complaintConflict = (id: string) => staleItem('投诉', id);

/** Writes `changes` and the next version only if the complaint is still at the version seen; else CONFLICT. */
export async function bumpComplaintVersion(manager: EntityManager, seen: Complaint, changes: Partial<Complaint>): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(Complaint)
    .set({ ...changes, version: seen.version + 1 })
    .where('id = :id AND version = :version', { id: seen.id, version: seen.version })
    .execute();
  if (result.affected !== 1) throw complaintConflict(seen.id);
}
