import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** 第一类/第二类参与单位, and one name per unit within a region. */
export class UnitCategory1763900000010 implements MigrationInterface {
  name = 'UnitCategory1763900000010';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('unit', new TableColumn({ name: 'category', type: 'varchar', length: '8', isNullable: true }));
    await runner.createIndex('unit', new TableIndex({ name: 'uq_unit_region_name', columnNames: ['regionCode', 'name'], isUnique: true }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('unit', 'uq_unit_region_name');
    await runner.dropColumn('unit', 'category');
  }
}
