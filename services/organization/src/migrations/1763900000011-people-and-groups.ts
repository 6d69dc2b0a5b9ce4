import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const ACCOUNT_COLUMNS = ['id', 'username', 'passwordHash', 'roles', 'regionCode', 'unitId'];

/** People replace sign-in accounts (`app_user` rows become people with an account); groups and their members. */
export class PeopleAndGroups1763900000011 implements MigrationInterface {
  name = 'PeopleAndGroups1763900000011';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'person',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'title', type: 'varchar', length: '64', isNullable: true },
          { name: 'unitId', type: 'varchar', length: '36', isNullable: true },
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'roles', type: 'varchar', length: '200' },
          { name: 'username', type: 'varchar', length: '64', isNullable: true },
          { name: 'passwordHash', type: 'varchar', length: '200', isNullable: true },
        ],
        uniques: [{ name: 'uq_person_username', columnNames: ['username'] }],
        indices: [
          { name: 'idx_person_region', columnNames: ['regionCode'] },
          { name: 'idx_person_unit', columnNames: ['unitId'] },
        ],
      }),
    );
    await copy(runner, 'app_user', 'person', [...ACCOUNT_COLUMNS, 'displayName'], [...ACCOUNT_COLUMNS, 'name']);
    await runner.dropTable('app_user');

    await runner.createTable(
      new Table({
        name: 'org_group',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'parentId', type: 'varchar', length: '36', isNullable: true },
          { name: 'leaderId', type: 'varchar', length: '36', isNullable: true },
          { name: 'leadUnitId', type: 'varchar', length: '36', isNullable: true },
        ],
        indices: [
          { name: 'idx_group_region', columnNames: ['regionCode'] },
          { name: 'idx_group_parent', columnNames: ['parentId'] },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'group_member',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'groupId', type: 'varchar', length: '36' },
          { name: 'personId', type: 'varchar', length: '36', isNullable: true },
          { name: 'unitId', type: 'varchar', length: '36', isNullable: true },
          { name: 'duty', type: 'varchar', length: '32', isNullable: true },
        ],
        // NULLs never collide in a unique index (SQLite and MySQL alike), so a person row and a unit row coexist.
        indices: [
          { name: 'uq_group_member_person', columnNames: ['groupId', 'personId'], isUnique: true },
          { name: 'uq_group_member_unit', columnNames: ['groupId', 'unitId'], isUnique: true },
          { name: 'idx_group_member_person', columnNames: ['personId'] },
        ],
      }),
    );
  }

  /** Back to accounts only: people without an account, and all groups, are lost. */
  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('group_member');
    await runner.dropTable('org_group');
    await runner.createTable(
      new Table({
        name: 'app_user',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'username', type: 'varchar', length: '64', isUnique: true },
          { name: 'displayName', type: 'varchar', length: '64' },
          { name: 'passwordHash', type: 'varchar', length: '200' },
          { name: 'roles', type: 'varchar', length: '200' },
          { name: 'regionCode', type: 'varchar', length: '12' },
          { name: 'unitId', type: 'varchar', length: '36', isNullable: true },
        ],
      }),
    );
    await copy(runner, 'person', 'app_user', [...ACCOUNT_COLUMNS, 'name'], [...ACCOUNT_COLUMNS, 'displayName'], 'passwordHash');
    await runner.dropTable('person');
  }
}

/** `INSERT … SELECT` (of the rows where `present` is not null), quoted the way the running database wants. */
async function copy(runner: QueryRunner, from: string, to: string, source: string[], target: string[], present?: string): Promise<void> {
  const quote = (name: string) => runner.connection.driver.escape(name);
  const columns = (names: string[]) => names.map(quote).join(', ');
  await runner.query(
    `INSERT INTO ${quote(to)} (${columns(target)}) SELECT ${columns(source)} FROM ${quote(from)}${present ? ` WHERE ${quote(present)} IS NOT NULL` : ''}`,
  );
}
