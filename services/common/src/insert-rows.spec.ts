import { DataSource, Column, Entity, PrimaryColumn } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { insertRows } from './insert-rows.js';

@Entity({ name: 'row' })
class Row {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  id!: string;

  @Column({ type: 'int', default: 1 })
  version!: number;
}

describe('insertRows', () => {
  it('stores every row as given and leaves the given objects as they were', async () => {
    const dataSource = await new DataSource({ type: 'sqljs', entities: [Row], synchronize: true }).initialize();
    // Ids whose sorted order differs from the given order: a read-back merged by position mixes them up.
    const rows = ['d', 'b', 'e', 'a', 'c'].map((id, i) => ({ id, version: i + 1 }));
    const given = structuredClone(rows);
    await insertRows(dataSource.manager, Row, rows);
    expect(rows).toEqual(given);
    const stored = await dataSource.getRepository(Row).find({ order: { id: 'ASC' } });
    expect(stored.map((row) => [row.id, row.version])).toEqual([...given].sort((a, b) => (a.id < b.id ? -1 : 1)).map((row) => [row.id, row.version]));
    await dataSource.destroy();
  });
});
