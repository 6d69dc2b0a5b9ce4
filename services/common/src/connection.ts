import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { DomainError, ErrorCode } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `first`/`after` of every list: cursor pagination, stable while rows are added. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `每页条数，默认${DEFAULT_PAGE_SIZE}，最多${MAX_PAGE_SIZE}` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: '上一页 pageInfo.endCursor；不给则从头开始' })
  after?: string | null;
}

@ObjectType({ description: '分页信息' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: '本页最后一条的游标，作为下一页的 after' })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** The GraphQL connection type of `node` (`<Name>Connection` with `<Name>Edge`), Relay style. */
export function connectionOf<T extends object>(node: ClassType<T>, name: string): ClassType<Page<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `${name} 分页列表` })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: '满足筛选条件的总数（不受分页影响）' })
    totalCount!: number;
  }
  return ConnectionType;
}

/** One column of the sort order: the SQL expression, the entity property it reads, its direction. */
export interface SortKey<T> {
  column: string;
  property: keyof T & string;
  /** Ascending unless given: newest first is `DESC` on a time column. */
  direction?: 'ASC' | 'DESC';
}

type CursorValue = string | number | Date;

function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new DomainError(ErrorCode.BadUserInput, `每页条数应为1到${MAX_PAGE_SIZE}之间的整数`, { field: 'first' });
  }
  return first;
}

// A time is kept as `{ t: ISO }`, so that it goes back to the database as a time, not as text
// (SQLite stores "2026-01-01 00:00:00.000", which an ISO string does not compare equal to).
function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? { t: v.toISOString() } : v)))).toString('base64url');
}

function decodeValue(value: unknown): CursorValue | undefined {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (value && typeof value === 'object' && typeof (value as { t?: unknown }).t === 'string') {
    const time = new Date((value as { t: string }).t);
    if (!Number.isNaN(time.getTime())) return time;
  }
  return undefined;
}

function decodeCursor(cursor: string, length: number): CursorValue[] {
  try {
    const raw: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const values = Array.isArray(raw) ? raw.map(decodeValue) : [];
    if (values.length === length && values.every((v) => v !== undefined)) return values as CursorValue[];
  } catch {
    // fall through: any undecodable cursor gets the same answer
  }
  throw new DomainError(ErrorCode.BadUserInput, '分页游标无效，请从第一页重新获取', { field: 'after' });
}

/**
 * Keyset pagination of an already filtered query, ordered by `order` (each key ascending unless
 * it says `DESC`); the last key must be unique (an id or a code) so every row has one place.
 * `totalCount` counts the filter.
 */
export async function paginate<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, order: SortKey<T>[], args: PageArgs): Promise<Page<T>> {
  const size = pageSize(args.first);
  const totalCount = await query.clone().getCount();
  const page = query.clone();
  order.forEach((key, index) => (index === 0 ? page.orderBy(key.column, key.direction ?? 'ASC') : page.addOrderBy(key.column, key.direction ?? 'ASC')));
  if (args.after) {
    const values = decodeCursor(args.after, order.length);
    // (a, b, c) > (x, y, z) spelled out, since row-value comparison is not portable
    page.andWhere(
      new Brackets((outer) => {
        order.forEach((_, index) => {
          outer.orWhere(
            new Brackets((inner) => {
              for (let j = 0; j < index; j++) inner.andWhere(`${order[j].column} = :cursor${j}`);
              inner.andWhere(`${order[index].column} ${order[index].direction === 'DESC' ? '<' : '>'} :cursor${index}`);
            }),
          );
        });
      }),
      Object.fromEntries(values.map((value, index) => [`cursor${index}`, value])),
    );
  }
  const rows = await page.take(size + 1).getMany();
  const edges = rows.slice(0, size).map((node) => ({ cursor: encodeCursor(order.map((key) => node[key.property])), node }));
  return { edges, totalCount, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
}
