import { createHash } from 'node:crypto';
import { LessThan, MoreThan, Table, type EntityManager } from 'typeorm';
import { now } from './clock.js';
import { DomainError, ErrorCode } from './errors.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';
import type { Outbox, RecordEvent } from './outbox.js';

/** How long a key holds: a client retries within minutes; a day covers a night's outage. */
export const IDEMPOTENCY_KEY_HOURS = 24;
const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** The table a subgraph's migration creates before its first idempotent write. */
export function idempotencyTable(): Table {
  return new Table({
    name: 'idempotency_key',
    columns: [
      { name: 'callerId', type: 'varchar', length: '64', isPrimary: true },
      { name: 'operation', type: 'varchar', length: '64', isPrimary: true },
      { name: 'key', type: 'varchar', length: '128', isPrimary: true },
      { name: 'requestHash', type: 'varchar', length: '64' },
      { name: 'resultId', type: 'varchar', length: '64' },
      { name: 'expiresAt', type: 'datetime', precision: 3 },
    ],
    indices: [{ name: 'idx_idempotency_key_expires', columnNames: ['expiresAt'] }],
  });
}

export interface IdempotentRequest {
  /** The key is the caller's own: two callers' equal keys never meet. */
  callerId: string;
  /** The mutation's name. */
  operation: string;
  key: string | null | undefined;
  /** The input as received; its `idempotencyKey` is left out of the hash. */
  input: object;
}

/**
 * Runs a creating write at most once per caller, operation and idempotency key (`key` absent:
 * simply once). The key is stored in the write's own transaction, inserted first, so that a
 * concurrent request with the same key waits on it and then finds it; a retry with the same input
 * gets the first result (`load` by its id) without writing, one with another input
 * IDEMPOTENCY_KEY_REUSED. An expired key is free again.
 */
export async function writeOnce<T extends { id: string }>(
  outbox: Outbox,
  request: IdempotentRequest,
  write: (manager: EntityManager, record: RecordEvent) => Promise<T>,
  load: (id: string) => Promise<T>,
): Promise<T> {
  if (request.key == null) return outbox.write(write);
  if (!KEY.test(request.key)) {
    throw new DomainError(ErrorCode.BadUserInput, '幂等键应为8–128位字母、数字或 _ . : -', { field: 'idempotencyKey' });
  }
  const id = { callerId: request.callerId, operation: request.operation, key: request.key };
  const { idempotencyKey: _key, ...input } = request.input as Record<string, unknown>;
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  try {
    return await outbox.write(async (manager, record) => {
      await manager.delete(IdempotencyRecord, { ...id, expiresAt: LessThan(now()) });
      await manager.insert(IdempotencyRecord, { ...id, requestHash, resultId: '', expiresAt: new Date(now().getTime() + IDEMPOTENCY_KEY_HOURS * 3_600_000) });
      const result = await write(manager, record);
      await manager.update(IdempotencyRecord, id, { resultId: result.id });
      return result;
    });
  } catch (error) {
    // The insert found the key taken (committed by an earlier or concurrent request); any other failure rolled it back.
    // An expired key the failed write had not yet cleared does not count: its rollback restored it.
    const earlier = await outbox.write((manager) => manager.findOneBy(IdempotencyRecord, { ...id, expiresAt: MoreThan(now()) }));
    if (!earlier) throw error;
    if (earlier.requestHash !== requestHash) {
      throw new DomainError(ErrorCode.IdempotencyKeyReused, '该幂等键已用于另一项不同的请求，请为新请求换用新的键', { field: 'idempotencyKey' });
    }
    return load(earlier.resultId);
  }
}
