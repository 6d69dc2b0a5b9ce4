import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

const ATTEMPTS = 3;

/**
 * Updates each row by `changesOf(row)` (null: nothing to change) with a new version, on the
 * condition that its version is still the one read, so a concurrent action on the old version
 * gets CONFLICT rather than undoing this. A row changed since it was read is read again, locked
 * (on MySQL a locking read sees the latest commit, not the transaction's snapshot), and counted
 * again. `changed` is told of every row written.
 */
export async function updateVersioned<T extends ObjectLiteral & { id: string; version: number }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: T[],
  changesOf: (row: T) => Partial<T> | null,
  changed: (row: T) => void,
): Promise<void> {
  for (let row of rows) {
    for (let attempt = 1; ; attempt++) {
      const changes = changesOf(row);
      if (!changes) break;
      const result = await manager
        .createQueryBuilder()
        .update(entity)
        .set({ ...changes, version: row.version + 1 } as never)
        .where('id = :id AND version = :version', { id: row.id, version: row.version })
        .execute();
      if (result.affected === 1) {
        changed({ ...row, ...changes, version: row.version + 1 });
        break;
      }
      if (attempt >= ATTEMPTS) throw new Error(`row ${row.id} kept changing during the update`);
      const query = manager.getRepository(entity).createQueryBuilder('row').where('row.id = :id', { id: row.id });
      if (manager.connection.options.type === 'mysql') query.setLock('pessimistic_write');
      const current = await query.getOne();
      if (!current) break;
      row = current;
    }
  }
}
