import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

const withdrawal = () => [
  new TableColumn({ name: 'withdrawnAt', type: 'datetime', precision: 3, isNullable: true }),
  new TableColumn({ name: 'withdrawalReason', type: 'varchar', length: '200', isNullable: true }),
];

/**
 * Corrections and withdrawals (撤销) of campaigns, special actions and tasks: versions where
 * missing, when and why an item was withdrawn, and the log of every change.
 */
export class PlanChanges1763900000005 implements MigrationInterface {
  name = 'PlanChanges1763900000005';

  async up(runner: QueryRunner): Promise<void> {
    for (const table of ['campaign', 'special_action']) {
      await runner.addColumns(table, [new TableColumn({ name: 'version', type: 'int', default: 1 }), ...withdrawal()]);
    }
    await runner.addColumns('supervised_task', withdrawal());
    await runner.createTable(
      new Table({
        name: 'plan_change',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'itemKind', type: 'varchar', length: '16' },
          { name: 'itemId', type: 'varchar', length: '36' },
          { name: 'action', type: 'varchar', length: '16' },
          // A campaign's phases with all their milestones, before and after, can outgrow MySQL's TEXT (64 KB).
          { name: 'changes', type: runner.connection.options.type === 'mysql' ? 'mediumtext' : 'text' },
          { name: 'reason', type: 'varchar', length: '200', isNullable: true },
          { name: 'actorId', type: 'varchar', length: '64' },
          { name: 'actorName', type: 'varchar', length: '100' },
          { name: 'at', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'idx_plan_change_item', columnNames: ['itemKind', 'itemId', 'at'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('plan_change');
    await runner.dropColumns('supervised_task', ['withdrawnAt', 'withdrawalReason']);
    for (const table of ['special_action', 'campaign']) await runner.dropColumns(table, ['version', 'withdrawnAt', 'withdrawalReason']);
  }
}
