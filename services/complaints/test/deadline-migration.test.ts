import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromSqlDate } from '@bizenv/common/sql-date';
import { openSubgraphDatabase, type SubgraphDefinition } from '@bizenv/common/subgraph';
import { type DatabaseTarget, databaseTargets } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Initial1763900000000 } from '../src/migrations/1763900000000-initial.js';
import { ComplaintTally1763900000001 } from '../src/migrations/1763900000001-complaint-tally.js';
import { ComplaintEventLog1763900000002 } from '../src/migrations/1763900000002-complaint-event-log.js';
import { ComplaintListIndexes1763900000003 } from '../src/migrations/1763900000003-complaint-list-indexes.js';
import { DeadlineRules1763900000004 } from '../src/migrations/1763900000004-deadline-rules.js';

const BEFORE = [Initial1763900000000, ComplaintTally1763900000001, ComplaintEventLog1763900000002, ComplaintListIndexes1763900000003];
const shanghai = (iso: string) => new Date(`${iso}+08:00`);

describe.each(await databaseTargets())('the deadline-table migration on existing complaints on $name', ({ create }) => {
  let target: DatabaseTarget;
  let dataDir: string;

  beforeAll(() => {
    target = create();
    dataDir = mkdtempSync(join(tmpdir(), 'bizenv-deadline-migration-'));
  });

  afterAll(async () => {
    await target?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const open = (migrations: SubgraphDefinition<object>['migrations']) =>
    openSubgraphDatabase({ name: 'complaints', entities: [], migrations }, { databaseUrl: target.databaseUrl, dataDir: target.databaseUrl ? undefined : dataDir });

  it('keeps every deadline, and describes it by the days it was given, which deadline governs and when it turns yellow', async () => {
    const old = await open(BEFORE);
    const row = (id: string, channel: string, dueAt: Date, replyDueAt: Date, closeDueAt: Date) => ({
      id, channel, category: 'OTHER', title: id, content: id, regionCode: '990102001', unitId: null, receivedAt: shanghai('2026-09-30T10:00:00'),
      replyDueAt, closeDueAt, deadlineProvisional: false, dueAt, dispatchStatus: 'ACCEPTED', version: 3,
    });
    // Due Tue 13 Oct (reply, 967788) and Tue 17 Nov (close, after a reply).
    const reply = shanghai('2026-10-13T23:59:59.999');
    const close = shanghai('2026-11-17T23:59:59.999');
    await old.createQueryBuilder().insert().into('complaint').values([row('enterprise', 'HOTLINE_967788', reply, reply, close), row('replied', 'HOTLINE_12345', close, shanghai('2026-10-15T23:59:59.999'), close)]).execute();
    await old.destroy();

    const migrated = await open([...BEFORE, DeadlineRules1763900000004]);
    const rows: Record<string, any>[] = await migrated.query('SELECT * FROM complaint ORDER BY id');
    expect(rows.map((r) => [r.id, r.replyWorkingDays, r.closeWorkingDays, r.yellowWorkingDays, r.dueKind, r.deadlineRuleKey, Boolean(r.closeExtended), r.version])).toEqual([
      ['enterprise', 5, 30, 1, 'REPLY', null, false, 3],
      ['replied', 7, 30, 1, 'CLOSE', null, false, 3],
    ]);
    expect(rows.map((r) => fromSqlDate(r.dueAt))).toEqual([reply, close]);
    // Yellow from the working day before: Mon 12 Oct, Mon 16 Nov.
    expect(rows.map((r) => fromSqlDate(r.yellowAt))).toEqual([shanghai('2026-10-12T00:00:00'), shanghai('2026-11-16T00:00:00')]);
    const rules: { key: string; replyWorkingDays: number }[] = await migrated.query('SELECT `key`, replyWorkingDays FROM complaint_deadline_rule ORDER BY `key`');
    expect(rules.map((r) => [r.key, r.replyWorkingDays])).toEqual([['*/*', 7], ['HOTLINE_967788/*', 5], ['MONITORING_POINT/*', 5]]);
    expect(Number((await migrated.query('SELECT COUNT(*) AS n FROM complaint_deadline_rule_change'))[0].n)).toBe(3);
    await migrated.undoLastMigration();
    expect((await migrated.query('SELECT * FROM complaint ORDER BY id')).map((r: { id: string }) => r.id)).toEqual(['enterprise', 'replied']);
    await migrated.destroy();
  });
});
