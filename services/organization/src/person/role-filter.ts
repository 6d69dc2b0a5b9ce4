import type { Role } from '@bizenv/common/auth';
import { containsPattern, LIKE_ESCAPE } from '@bizenv/common/sql-like';
import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';

/** Narrows to rows whose comma-separated `column` holds `role`: alone, first, last or in the middle. */
export function whereRole<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, column: string, role: Role): void {
  const middle = containsPattern(`,${role},`); // %,ROLE,%
  query.andWhere(
    new Brackets((any) =>
      any
        .where(`${column} = :role`, { role })
        .orWhere(`${column} LIKE :roleFirst ${LIKE_ESCAPE}`, { roleFirst: middle.slice(2) })
        .orWhere(`${column} LIKE :roleLast ${LIKE_ESCAPE}`, { roleLast: middle.slice(0, -2) })
        .orWhere(`${column} LIKE :roleMiddle ${LIKE_ESCAPE}`, { roleMiddle: middle }),
    ),
  );
}
