import { createHash } from 'node:crypto';
import { AuditEntry, AuditResult } from './audit-entry.entity.js';
import { actorName, type Caller } from './auth.js';
import { now } from './clock.js';
import { inTransaction } from './data-source.js';
import { DomainError, ErrorCode } from './errors.js';
import type { DataSource, EntityManager } from 'typeorm';

/** The previous hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);
const BATCH = 500;

/** Who acted: a caller, or for a sign-in the account tried (`-` and no roles when unknown). */
export type AuditActor = Pick<Caller, 'id' | 'name' | 'roles' | 'regionCode'>;

export interface AuditRecord {
  actor: AuditActor;
  /** The keeping subgraph's own vocabulary, at most 32 characters. */
  action: string;
  targetId: string | null;
  result: AuditResult;
  detail?: string | null;
  /** The client's address, when the gateway passed it on. */
  address?: string | null;
}

const clip = (text: string, max: number) => [...text].slice(0, max).join('');

function chainHash(row: Omit<AuditEntry, 'hash'>): string {
  const fields: unknown[] = [row.seq, row.prevHash, row.at.toISOString(), row.actorId, row.actorName, row.actorRoles, row.actorRegion, row.action, row.targetId, row.result, row.detail];
  // Rows written before the address column existed hash as they did then.
  if (row.address != null) fields.push(row.address);
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * Appends one row in the caller's transaction. The single `audit_head` row is locked first (the
 * UPDATE), so concurrent writers take their turn and the chain never forks. There is no other
 * write to `audit_log`: no update, no delete (and the database refuses both, see the migration).
 */
export async function appendAudit(manager: EntityManager, record: AuditRecord): Promise<AuditEntry> {
  await manager.query('UPDATE audit_head SET seq = seq + 1 WHERE id = 1');
  const [head]: { seq: number | string; hash: string }[] = await manager.query('SELECT seq, hash FROM audit_head WHERE id = 1');
  const { actor } = record;
  const row: Omit<AuditEntry, 'hash'> = {
    seq: Number(head.seq),
    at: now(),
    actorId: actor.id,
    actorName: actorName(actor),
    actorRoles: clip(actor.roles.join(','), 200),
    actorRegion: actor.regionCode,
    action: record.action,
    targetId: record.targetId == null ? null : clip(record.targetId, 36),
    result: record.result,
    detail: record.detail == null ? null : clip(record.detail, 500),
    address: record.address == null ? null : clip(record.address, 45),
    prevHash: head.hash,
  };
  const entry: AuditEntry = { ...row, hash: chainHash(row) };
  await manager.insert(AuditEntry, entry);
  await manager.query('UPDATE audit_head SET hash = ? WHERE id = 1', [entry.hash]);
  return entry;
}

/** `appendAudit` in a transaction of its own: for a refusal, recorded although the request fails. */
export function recordAudit(dataSource: DataSource, record: AuditRecord): Promise<AuditEntry> {
  return inTransaction(dataSource, (manager) => appendAudit(manager, record));
}

const REFUSALS = new Set<unknown>([ErrorCode.Forbidden, ErrorCode.NotFound]);

/**
 * Runs a check; a refusal (FORBIDDEN, or NOT_FOUND: also what a transferred clue is to those who
 * may not see it) of a signed-in caller is recorded as DENIED before it is thrown. Call it
 * outside any transaction: the record needs one of its own.
 */
export async function auditedCheck<T>(
  dataSource: DataSource,
  caller: Caller | null,
  action: string,
  targetId: string | null,
  check: () => T | Promise<T>,
): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (caller && error instanceof DomainError && REFUSALS.has(error.extensions.code)) {
      await recordAudit(dataSource, { actor: caller, action, targetId, result: AuditResult.DENIED, detail: error.message });
    }
    throw error;
  }
}

export type ChainCheck = { intact: true; length: number } | { intact: false; seq: number; problem: string };

/**
 * Walks the chain from the first row: every row must follow the previous one (seq + 1), name its
 * hash, and hash to what it says; the head must name the last row. Reports the first broken row.
 */
export async function verifyAuditChain(manager: EntityManager): Promise<ChainCheck> {
  let previous = { seq: 0, hash: GENESIS_HASH };
  for (;;) {
    const rows = await manager
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .where('a.seq > :after', { after: previous.seq })
      .orderBy('a.seq', 'ASC')
      .limit(BATCH)
      .getMany();
    for (const row of rows) {
      if (row.seq !== previous.seq + 1) return { intact: false, seq: previous.seq + 1, problem: 'missing' };
      if (row.prevHash !== previous.hash) return { intact: false, seq: row.seq, problem: 'does not follow the previous row' };
      const { hash, ...rest } = row;
      if (chainHash(rest) !== hash) return { intact: false, seq: row.seq, problem: 'altered' };
      previous = row;
    }
    if (rows.length < BATCH) break;
  }
  const [head]: { seq: number | string; hash: string }[] = await manager.query('SELECT seq, hash FROM audit_head WHERE id = 1');
  const headSeq = Number(head.seq);
  // Rows cut off the end, rows added around `appendAudit`, or a last row rewritten with its hash.
  if (headSeq > previous.seq) return { intact: false, seq: previous.seq + 1, problem: 'missing' };
  if (headSeq < previous.seq) return { intact: false, seq: headSeq + 1, problem: 'not appended through the log' };
  if (head.hash !== previous.hash) return { intact: false, seq: previous.seq, problem: 'altered' };
  return { intact: true, length: previous.seq };
}
