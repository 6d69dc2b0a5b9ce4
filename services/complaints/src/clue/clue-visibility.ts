import { Permission, permissionsOf, type Caller } from '@bizenv/common/auth';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ClueStatus, ClueTransfer } from './clue-transfer.entity.js';

/** Discipline inspectors: the only callers to whom a transferred clue's complaint exists. */
export function seesTransferredClues(caller: Caller | null): boolean {
  return caller !== null && permissionsOf(caller).has(Permission.CLUE_RECEIVE);
}

/**
 * Leaves out complaints whose clue was transferred, unless the caller is a discipline inspector:
 * for every list, export or count of items over `complaint <alias>` (statistics of numbers only
 * still count them).
 */
export function hideTransferredClues<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, caller: Caller | null): SelectQueryBuilder<T> {
  if (seesTransferredClues(caller)) return query;
  return query.andWhere(
    `NOT EXISTS (SELECT 1 FROM clue_transfer hidden_clue WHERE hidden_clue.complaintId = ${alias}.id AND hidden_clue.status = :transferredClue)`,
    { transferredClue: ClueStatus.TRANSFERRED },
  );
}

export function isTransferredClue(manager: EntityManager, complaintId: string): Promise<boolean> {
  return manager.existsBy(ClueTransfer, { complaintId, status: ClueStatus.TRANSFERRED });
}

/** One complaint: to anyone but a discipline inspector, a transferred clue does not exist. */
export async function requireClueVisible(manager: EntityManager, caller: Caller | null, complaintId: string): Promise<void> {
  if (!seesTransferredClues(caller) && (await isTransferredClue(manager, complaintId))) {
    throw new DomainError(ErrorCode.NotFound, '未找到该投诉', { id: complaintId });
  }
}
