import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditEntry } from '@bizenv/common/audit-entry.entity';
import { stableId } from '@bizenv/common/stable-id';
import { openSubgraphDatabase, type SubgraphDefinition } from '@bizenv/common/subgraph';
import { type DatabaseTarget, databaseTargets } from '@bizenv/common/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Initial1763900000000 } from '../src/migrations/1763900000000-initial.js';
import { UnitCategory1763900000010 } from '../src/migrations/1763900000010-unit-category.js';
import { PeopleAndGroups1763900000011 } from '../src/migrations/1763900000011-people-and-groups.js';
import { AuditAndLockout1763900000020 } from '../src/migrations/1763900000020-audit-and-lockout.js';
import { NO_FAILED_SIGN_INS } from '../src/person/lockout.js';
import { hashPassword } from '../src/person/password.js';
import { Person } from '../src/person/person.entity.js';
import { SessionService } from '../src/person/session.service.js';
import { organizationSubgraph } from '../src/subgraph.js';

const AUTH_SECRET = new TextEncoder().encode('organization-test-auth-secret-0123456789');
const ACCOUNT_ID = stableId('user:old.handler');
const UNIT_ID = stableId('990102-market');

describe.each(await databaseTargets())('app_user → person migration on $name', ({ create }) => {
  let target: DatabaseTarget;
  let dataDir: string;
  let passwordHash: string;

  beforeAll(async () => {
    target = create();
    dataDir = mkdtempSync(join(tmpdir(), 'bizenv-people-migration-'));
    passwordHash = await hashPassword('Migrated2026x');
  });

  afterAll(async () => {
    await target?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The organization database as of `migrations` (the embedded one in a file, so it outlives the connection). */
  const open = (migrations: SubgraphDefinition<object>['migrations']) =>
    openSubgraphDatabase({ name: 'organization', entities: [Person, AuditEntry], migrations }, { databaseUrl: target.databaseUrl, dataDir: target.databaseUrl ? undefined : dataDir });

  async function hasTable(dataSource: DataSource, table: string): Promise<boolean> {
    const runner = dataSource.createQueryRunner();
    try {
      return await runner.hasTable(table);
    } finally {
      await runner.release();
    }
  }

  async function expectMigratedAccount(dataSource: DataSource) {
    expect(await hasTable(dataSource, 'app_user')).toBe(false);
    expect(await dataSource.getRepository(Person).find()).toEqual([
      { id: ACCOUNT_ID, name: '原临江区承办人', title: null, unitId: UNIT_ID, regionCode: '990102', roles: ['UNIT_HANDLER', 'SUPERVISOR'], username: 'old.handler', passwordHash, ...NO_FAILED_SIGN_INS },
    ]);
    const session = await new SessionService(dataSource, AUTH_SECRET).login('old.handler', 'Migrated2026x');
    expect(session.viewer).toEqual({ id: ACCOUNT_ID, name: '原临江区承办人', roles: ['UNIT_HANDLER', 'SUPERVISOR'], regionCode: '990102', unitId: UNIT_ID });
  }

  it('turns an existing account into a person who still signs in, back again on revert, and forward again', async () => {
    const before = await open([Initial1763900000000]);
    await before.query('INSERT INTO app_user (id, username, displayName, passwordHash, roles, regionCode, unitId) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      ACCOUNT_ID, 'old.handler', '原临江区承办人', passwordHash, 'UNIT_HANDLER,SUPERVISOR', '990102', UNIT_ID,
    ]);
    await before.destroy();

    // with today's columns of person (and the audit log a sign-in writes to), undone first below
    const migrated = await open([Initial1763900000000, UnitCategory1763900000010, PeopleAndGroups1763900000011, AuditAndLockout1763900000020]);
    try {
      await expectMigratedAccount(migrated);
      expect(await hasTable(migrated, 'org_group')).toBe(true);
      expect(await hasTable(migrated, 'group_member')).toBe(true);
      // a person without an account has no app_user row to go back to
      await migrated.getRepository(Person).insert({ id: stableId('person:no-account'), name: '无账号人员', title: '科员', unitId: null, regionCode: '990102', roles: [], username: null, passwordHash: null, ...NO_FAILED_SIGN_INS });
      await migrated.undoLastMigration({ transaction: 'each' });
      expect(await hasTable(migrated, 'audit_log')).toBe(false);
      await migrated.undoLastMigration({ transaction: 'each' });
      expect(await hasTable(migrated, 'person')).toBe(false);
      expect(await hasTable(migrated, 'org_group')).toBe(false);
      expect(await migrated.query('SELECT id, username, displayName, roles FROM app_user')).toEqual([
        { id: ACCOUNT_ID, username: 'old.handler', displayName: '原临江区承办人', roles: 'UNIT_HANDLER,SUPERVISOR' },
      ]);
    } finally {
      await migrated.destroy();
    }

    const current = await open(organizationSubgraph({ authSecret: AUTH_SECRET, production: true }).migrations);
    try {
      await expectMigratedAccount(current);
    } finally {
      await current.destroy();
    }
  });
});
