import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';

const CHUNK = 100;

/**
 * Inserts many rows as given, in statements of at most 100 rows (clear of bound-parameter limits).
 * Unlike `manager.insert(Entity, rows)`, the rows are not "updated" afterwards: for an entity with
 * column defaults, TypeORM reads the inserted rows back and merges them into the given objects by
 * position, and on the embedded database that read comes back in another order, so objects got
 * each other's ids.
 */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: readonly QueryDeepPartialEntity<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + CHUNK))
      .updateEntity(false)
      .execute();
  }
}
