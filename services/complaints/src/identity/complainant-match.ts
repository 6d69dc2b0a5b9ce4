import type { EntityManager } from 'typeorm';
import { ComplainantRecord } from './complainant-record.entity.js';
import type { SealedComplainant } from './complainant-seal.js';

/**
 * Other complaints by the same complainant: the same phone, ID number or enterprise credit code,
 * compared by keyed hash (under every configured key, so a key rotation does not hide a match).
 * For duplicate detection; says nothing about who the complainant is.
 */
export async function sameComplainantComplaintIds(manager: EntityManager, complainant: SealedComplainant): Promise<string[]> {
  const { phone, idNumber, creditCode } = complainant.matches;
  const conditions: string[] = [];
  if (phone.length) conditions.push('p.phoneIndex IN (:...phone)');
  if (idNumber.length) conditions.push('p.idNumberIndex IN (:...idNumber)');
  if (creditCode.length) conditions.push('p.creditCodeIndex IN (:...creditCode)');
  if (!conditions.length) return [];
  const rows = await manager
    .getRepository(ComplainantRecord)
    .createQueryBuilder('p')
    .select('p.complaintId', 'complaintId')
    .where(`(${conditions.join(' OR ')})`, { phone, idNumber, creditCode })
    .andWhere('p.complaintId <> :self', { self: complainant.record.complaintId })
    .getRawMany<{ complaintId: string }>();
  return rows.map((row) => row.complaintId);
}
