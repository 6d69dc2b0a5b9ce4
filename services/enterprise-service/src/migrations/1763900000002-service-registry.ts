import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The enterprise registry's attributes and the credit-code confirmations; "四个一" projects with
 * their stage history and help teams; three-level service ambassadors and leaders' contact
 * enterprises; visits; and where a demand came from (a visit, a monitoring point).
 */
export class ServiceRegistry1763900000002 implements MigrationInterface {
  name = 'ServiceRegistry1763900000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('enterprise', [
      new TableColumn({ name: 'industry', type: 'varchar', length: '1', isNullable: true }),
      new TableColumn({ name: 'scale', type: 'varchar', length: '8', isNullable: true }),
      new TableColumn({ name: 'isMonitoringPoint', type: 'boolean', default: false }),
      new TableColumn({ name: 'inIncubationPool', type: 'boolean', default: false }),
      new TableColumn({ name: 'version', type: 'int', default: 1 }),
    ]);
    await runner.createIndex('enterprise', new TableIndex({ name: 'idx_enterprise_key_region', columnNames: ['isKey', 'regionCode'] }));
    await runner.createTable(
      new Table({
        name: 'credit_code_confirmation',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'enterpriseId', type: 'varchar', length: '36' },
          { name: 'creditCode', type: 'varchar', length: '18' },
          { name: 'reason', type: 'varchar', length: '500' },
          { name: 'confirmedById', type: 'varchar', length: '64' },
          { name: 'confirmedByName', type: 'varchar', length: '100' },
          { name: 'confirmedAt', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'idx_credit_code_confirmation_enterprise', columnNames: ['enterpriseId', 'creditCode'] }],
      }),
    );

    await runner.addColumns('demand', [
      new TableColumn({ name: 'source', type: 'varchar', length: '20', default: "'OTHER'" }),
      new TableColumn({ name: 'visitId', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({ name: 'content', type: 'text', isNullable: true }),
      new TableColumn({ name: 'photos', type: 'text', isNullable: true }),
    ]);
    await runner.createIndex('demand', new TableIndex({ name: 'idx_demand_visit', columnNames: ['visitId'] }));
    await runner.createIndex('demand', new TableIndex({ name: 'idx_demand_unit_status', columnNames: ['unitId', 'status', 'dueAt'] }));

    await runner.createTable(
      new Table({
        name: 'project',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'enterpriseId', type: 'varchar', length: '36', isNullable: true },
          { name: 'stage', type: 'varchar', length: '24' },
          { name: 'investmentYuan', type: 'bigint', isNullable: true },
          { name: 'isKey', type: 'boolean', default: false },
          { name: 'createdAt', type: 'datetime', precision: 3 },
          { name: 'stageChangedAt', type: 'datetime', precision: 3 },
          { name: 'version', type: 'int', default: 1 },
        ],
        indices: [
          { name: 'idx_project_region_stage', columnNames: ['regionCode', 'stage'] },
          { name: 'idx_project_key_region', columnNames: ['isKey', 'regionCode'] },
          { name: 'idx_project_created', columnNames: ['createdAt'] },
          { name: 'idx_project_enterprise', columnNames: ['enterpriseId'] },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'project_stage_change',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'projectId', type: 'varchar', length: '36' },
          { name: 'fromStage', type: 'varchar', length: '24', isNullable: true },
          { name: 'toStage', type: 'varchar', length: '24' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'actorId', type: 'varchar', length: '64' },
          { name: 'actorName', type: 'varchar', length: '100' },
          { name: 'at', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'idx_project_stage_change_project', columnNames: ['projectId', 'at'] }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'project_help_member',
        columns: [
          { name: 'projectId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'memberKind', type: 'varchar', length: '8', isPrimary: true },
          { name: 'memberId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'duty', type: 'varchar', length: '50', isNullable: true },
        ],
        indices: [{ name: 'idx_project_help_member_member', columnNames: ['memberKind', 'memberId'] }],
      }),
    );

    await runner.createTable(
      new Table({
        name: 'ambassador_assignment',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'personId', type: 'varchar', length: '36' },
          { name: 'level', type: 'varchar', length: '8' },
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'enterpriseId', type: 'varchar', length: '36', isNullable: true },
          { name: 'projectId', type: 'varchar', length: '36', isNullable: true },
          { name: 'targetRegionCode', type: 'varchar', length: '12' },
          { name: 'since', type: 'datetime', precision: 3 },
          { name: 'until', type: 'datetime', precision: 3, isNullable: true },
          { name: 'assignedById', type: 'varchar', length: '64' },
          { name: 'assignedByName', type: 'varchar', length: '100' },
        ],
        indices: [
          { name: 'idx_ambassador_enterprise', columnNames: ['enterpriseId', 'level', 'until'] },
          { name: 'idx_ambassador_project', columnNames: ['projectId', 'level', 'until'] },
          { name: 'idx_ambassador_person', columnNames: ['personId', 'until'] },
          { name: 'idx_ambassador_target_region', columnNames: ['targetRegionCode', 'since'] },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'leader_contact',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'leaderId', type: 'varchar', length: '36' },
          { name: 'enterpriseId', type: 'varchar', length: '36' },
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'since', type: 'datetime', precision: 3 },
          { name: 'until', type: 'datetime', precision: 3, isNullable: true },
          { name: 'assignedById', type: 'varchar', length: '64' },
          { name: 'assignedByName', type: 'varchar', length: '100' },
        ],
        indices: [
          { name: 'idx_leader_contact_enterprise', columnNames: ['enterpriseId', 'until'] },
          { name: 'idx_leader_contact_leader', columnNames: ['leaderId', 'until'] },
          { name: 'idx_leader_contact_region', columnNames: ['regionCode', 'since'] },
        ],
      }),
    );

    await runner.createTable(
      new Table({
        name: 'visit',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'enterpriseId', type: 'varchar', length: '36' },
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'visitedAt', type: 'datetime', precision: 3 },
          { name: 'notes', type: 'text', isNullable: true },
          { name: 'recordedById', type: 'varchar', length: '64' },
          { name: 'recordedByName', type: 'varchar', length: '100' },
          { name: 'recordedAt', type: 'datetime', precision: 3 },
        ],
        indices: [
          { name: 'idx_visit_region_visited', columnNames: ['regionCode', 'visitedAt'] },
          { name: 'idx_visit_enterprise', columnNames: ['enterpriseId', 'visitedAt'] },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'visit_visitor',
        columns: [
          { name: 'visitId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'personId', type: 'varchar', length: '36', isPrimary: true },
        ],
        indices: [{ name: 'idx_visit_visitor_person', columnNames: ['personId'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['visit_visitor', 'visit', 'leader_contact', 'ambassador_assignment', 'project_help_member', 'project_stage_change', 'project', 'credit_code_confirmation']) {
      await runner.dropTable(table);
    }
    await runner.dropIndex('demand', 'idx_demand_unit_status');
    await runner.dropIndex('demand', 'idx_demand_visit');
    for (const column of ['photos', 'content', 'visitId', 'source']) await runner.dropColumn('demand', column);
    await runner.dropIndex('enterprise', 'idx_enterprise_key_region');
    for (const column of ['version', 'inIncubationPool', 'isMonitoringPoint', 'scale', 'industry']) await runner.dropColumn('enterprise', column);
  }
}
