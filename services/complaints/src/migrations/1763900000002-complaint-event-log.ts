import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class ComplaintEventLog1763900000002 implements MigrationInterface {
  name = 'ComplaintEventLog1763900000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'complaint_event_log',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'complaintId', type: 'varchar', length: '36' },
          { name: 'action', type: 'varchar', length: '16' },
          { name: 'fromStatus', type: 'varchar', length: '24', isNullable: true },
          { name: 'toStatus', type: 'varchar', length: '24' },
          { name: 'actorId', type: 'varchar', length: '64' },
          { name: 'actorName', type: 'varchar', length: '100' },
          { name: 'unitId', type: 'varchar', length: '36', isNullable: true },
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'reply', type: 'text', isNullable: true },
          { name: 'satisfaction', type: 'varchar', length: '24', isNullable: true },
          { name: 'at', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'idx_complaint_event_log_complaint', columnNames: ['complaintId', 'at'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('complaint_event_log');
  }
}
