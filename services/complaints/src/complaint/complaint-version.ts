import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { EntityManager } from 'typeorm';
import { Complaint } from './complaint.entity.js';

export const complaintConflict = (id: string) => new DomainError(ErrorCode.Conflict, '该投诉已被他人修改，请刷新后重试', { id });

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
