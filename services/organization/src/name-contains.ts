import { containsPattern, LIKE_ESCAPE } from '@bizenv/common/sql-like';
import { requireText } from '@bizenv/common/validate';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

const MAX_LENGTH = 64;

/** Narrows a list to names containing `text` literally (`%` and `_` are no wildcards). */
export function whereNameContains<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, column: string, text: string | null | undefined): void {
  if (text === null || text === undefined) return;
  const needle = requireText(text, 'filter.nameContains', '名称关键字', MAX_LENGTH);
  query.andWhere(`${column} LIKE :nameContains ${LIKE_ESCAPE}`, { nameContains: containsPattern(needle) });
}
