import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * 被投诉单位 on a complaint, and whether a duplicate flag shares it. Read only alongside a
 * complaint's other columns (the duplicate search ranges over district and receipt time), so no index.
 */
export class ComplaintSubjectUnit1763900000007 implements MigrationInterface {
  name = 'ComplaintSubjectUnit1763900000007';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('complaint', new TableColumn({ name: 'subjectUnitId', type: 'varchar', length: '36', isNullable: true }));
    await runner.addColumn('complaint_duplicate', new TableColumn({ name: 'sameSubjectUnit', type: 'boolean', default: false }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('complaint_duplicate', 'sameSubjectUnit');
    await runner.dropColumn('complaint', 'subjectUnitId');
  }
}
