import 'reflect-metadata';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paginate, type Page, type PageArgs, type SortKey } from './connection.js';
import { DomainError } from './errors.js';

@Entity({ name: 'page_row' })
class PageRow {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  id!: string;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ type: 'varchar', length: 8 })
  kind!: string;
}

// Three rows share each time, so every order needs its last key (the id) to break ties.
const ROWS: PageRow[] = Array.from({ length: 23 }, (_, i) => ({
  id: `r${String(i).padStart(2, '0')}`,
  at: new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 3), 9, 30, 0, 123)),
  kind: i % 4 === 0 ? 'odd' : 'even',
}));

const byTimeThenId = (direction: 1 | -1, idDirection: 1 | -1) => (a: PageRow, b: PageRow) =>
  direction * (a.at.getTime() - b.at.getTime()) || idDirection * a.id.localeCompare(b.id);

describe('keyset pagination', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource({ type: 'sqljs', entities: [PageRow], synchronize: true });
    await dataSource.initialize();
    await dataSource.getRepository(PageRow).insert(ROWS);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const query = (kind?: string) => {
    const builder = dataSource.getRepository(PageRow).createQueryBuilder('r');
    return kind ? builder.where('r.kind = :kind', { kind }) : builder;
  };

  /** Follows `endCursor` to the end, checking `totalCount` and `hasNextPage` on every page. */
  async function walk(order: SortKey<PageRow>[], first: number, kind?: string): Promise<string[][]> {
    const pages: string[][] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page<PageRow> = await paginate(query(kind), order, { first, after });
      expect(page.totalCount).toBe(ROWS.filter((r) => !kind || r.kind === kind).length);
      pages.push(page.edges.map((e) => e.node.id));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) return pages;
      after = page.pageInfo.endCursor;
    }
  }

  it('visits every row once, ascending by time and then id', async () => {
    const pages = await walk([{ column: 'r.at', property: 'at' }, { column: 'r.id', property: 'id' }], 5);
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.flat()).toEqual([...ROWS].sort(byTimeThenId(1, 1)).map((r) => r.id));
  });

  it('pages newest first when the time key is descending, across rows with the same time', async () => {
    const pages = await walk([{ column: 'r.at', property: 'at', direction: 'DESC' }, { column: 'r.id', property: 'id', direction: 'DESC' }], 4);
    expect(pages.flat()).toEqual([...ROWS].sort(byTimeThenId(-1, -1)).map((r) => r.id));
    expect(pages.flat()[0]).toBe('r22');
  });

  it('mixes directions: newest first, ties by ascending id', async () => {
    const pages = await walk([{ column: 'r.at', property: 'at', direction: 'DESC' }, { column: 'r.id', property: 'id' }], 2);
    expect(pages.flat()).toEqual([...ROWS].sort(byTimeThenId(-1, 1)).map((r) => r.id));
  });

  it('pages by three keys with ties on the first two (kind, then time, then id), every page size', async () => {
    const order: SortKey<PageRow>[] = [{ column: 'r.kind', property: 'kind' }, { column: 'r.at', property: 'at' }, { column: 'r.id', property: 'id' }];
    const expected = [...ROWS].sort((a, b) => a.kind.localeCompare(b.kind) || byTimeThenId(1, 1)(a, b)).map((r) => r.id);
    for (const first of [1, 2, 3, 7, 23]) expect((await walk(order, first)).flat(), String(first)).toEqual(expected);
  });

  it('counts and pages only what the filter lets through', async () => {
    const pages = await walk([{ column: 'r.id', property: 'id' }], 2, 'odd');
    expect(pages.flat()).toEqual(ROWS.filter((r) => r.kind === 'odd').map((r) => r.id));
  });

  it('continues after its cursor when a row is added before it', async () => {
    const order: SortKey<PageRow>[] = [{ column: 'r.at', property: 'at' }, { column: 'r.id', property: 'id' }];
    const first = await paginate(query(), order, { first: 6 });
    await dataSource.getRepository(PageRow).insert({ id: 'r00a', at: ROWS[0].at, kind: 'new' });
    try {
      const second = await paginate(query(), order, { first: 6, after: first.pageInfo.endCursor });
      expect(second.edges.map((e) => e.node.id)).toEqual([...ROWS].sort(byTimeThenId(1, 1)).slice(6, 12).map((r) => r.id));
    } finally {
      await dataSource.getRepository(PageRow).delete({ id: 'r00a' });
    }
  });

  it('refuses a page size out of range and a cursor it did not make', async () => {
    const order: SortKey<PageRow>[] = [{ column: 'r.at', property: 'at' }, { column: 'r.id', property: 'id' }];
    const fieldOf = async (args: PageArgs) => {
      try {
        await paginate(query(), order, args);
      } catch (error) {
        return (error as DomainError).extensions;
      }
      return null;
    };
    for (const first of [0, 101, 1.5, -1]) expect(await fieldOf({ first }), String(first)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const after of ['not a cursor', cursor(['r01']), cursor([{ t: 'yesterday' }, 'r01']), cursor([null, 'r01']), cursor({ t: 1 })]) {
      expect(await fieldOf({ after }), after).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    expect((await paginate(query(), order, {})).edges).toHaveLength(20);
  });
});
