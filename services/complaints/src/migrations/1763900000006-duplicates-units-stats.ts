import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { rebuildStatTally } from '../stats/stat-tally.js';

/**
 * Co-units (协办单位), duplicate flags and merges, the statistics tally per unit and category,
 * and the external id that makes imports idempotent.
 */
export class DuplicatesUnitsStats1763900000006 implements MigrationInterface {
  name = 'DuplicatesUnitsStats1763900000006';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('complaint', new TableColumn({ name: 'externalId', type: 'varchar', length: '64', isNullable: true }));
    await runner.createIndex('complaint', new TableIndex({ name: 'idx_complaint_external', columnNames: ['channel', 'externalId'], isUnique: true }));
    await runner.addColumn('complaint_event_log', new TableColumn({ name: 'coUnitIds', type: 'text', isNullable: true }));
    await runner.addColumn('complaint_event_log', new TableColumn({ name: 'note', type: 'text', isNullable: true }));
    await runner.createTable(
      new Table({
        name: 'complaint_co_unit',
        columns: [
          { name: 'complaintId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'unitId', type: 'varchar', length: '36', isPrimary: true },
        ],
        indices: [{ name: 'idx_complaint_co_unit_unit', columnNames: ['unitId'] }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'complaint_duplicate',
        columns: [
          { name: 'complaintId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'candidateId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'scoreMille', type: 'int' },
          { name: 'textSimilarityMille', type: 'int' },
          { name: 'sameComplainant', type: 'boolean' },
          { name: 'sameRegion', type: 'boolean' },
          { name: 'sameCategory', type: 'boolean' },
          { name: 'flaggedAt', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'idx_complaint_duplicate_candidate', columnNames: ['candidateId'] }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'complaint_merge',
        columns: [
          { name: 'duplicateId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'intoId', type: 'varchar', length: '36' },
          { name: 'mergedAt', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'idx_complaint_merge_into', columnNames: ['intoId'] }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'complaint_stat_tally',
        columns: [
          { name: 'regionCode', type: 'varchar', length: '12', isPrimary: true },
          { name: 'unitId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'category', type: 'varchar', length: '32', isPrimary: true },
          { name: 'measure', type: 'varchar', length: '24', isPrimary: true },
          { name: 'count', type: 'int' },
        ],
        indices: [{ name: 'idx_complaint_stat_tally_unit', columnNames: ['unitId', 'regionCode'] }],
      }),
    );
    await rebuildStatTally(runner.manager);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['complaint_stat_tally', 'complaint_merge', 'complaint_duplicate', 'complaint_co_unit']) await runner.dropTable(table);
    await runner.dropColumn('complaint_event_log', 'note');
    await runner.dropColumn('complaint_event_log', 'coUnitIds');
    await runner.dropIndex('complaint', 'idx_complaint_external');
    await runner.dropColumn('complaint', 'externalId');
  }
}
