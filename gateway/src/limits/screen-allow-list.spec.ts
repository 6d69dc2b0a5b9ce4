import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Role, type Caller } from '@bizenv/common/auth';
import { REPO_ROOT } from '@bizenv/common/config';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCREEN_DOCUMENTS_FILE, ScreenAllowList, type ScreenDocumentsManifest } from './screen-allow-list.js';
import { screenDocumentsIn } from './screen-documents.js';

const manifest = JSON.parse(readFileSync(SCREEN_DOCUMENTS_FILE, 'utf8')) as ScreenDocumentsManifest;
const caller = (...roles: Role[]): Caller => ({ id: 'u1', name: '某人', roles, regionCode: '990100' });
const screen = caller(Role.SCREEN);

describe('the screen allow-list', () => {
  const allowList = ScreenAllowList.fromManifest();

  it('matches the documents in dashboard/src/api (else run `npx tsx scripts/screen-documents.ts`)', () => {
    expect(manifest.documents).toEqual(screenDocumentsIn());
    expect(Object.keys(manifest.documents).sort()).toEqual(['ScreenDispatchFeed', 'ScreenDueSoonComplaints', 'ScreenOverdueComplaints', 'ScreenOverdueDemands', 'ScreenOverdueTasks', 'ScreenRegion', 'ScreenViewer', 'ScreenYellowTasks']);
  });

  it("lets a screen token run the screen's documents, however they are laid out", () => {
    const region = readFileSync(resolve(REPO_ROOT, 'dashboard/src/api/region.ts'), 'utf8').match(/`\s*(subscription ScreenRegion[^`]*)`/)![1];
    expect(allowList.check(screen, parse(region))).toBeUndefined();
    expect(allowList.check(screen, parse(`# a comment\n${region.replace(/ +/g, ' ').replace(/\n/g, ',\n\t')}`))).toBeUndefined();
    for (const document of Object.values(manifest.documents)) expect(allowList.check(screen, parse(document))).toBeUndefined();
  });

  it('refuses a screen token anything else, even a smaller selection of the same subscription', () => {
    for (const document of [
      'query { region(code: "990100") { name } }',
      'subscription ScreenRegion($code: ID!) { regionStats(code: $code) { code } }',
      'mutation { login(username: "admin", password: "x") { token } }',
    ]) {
      const refused = allowList.check(screen, parse(document));
      expect(refused?.extensions.code).toBe('FORBIDDEN');
      expect(refused?.message).toBe('大屏账号只能执行大屏自身的订阅和查询，不能执行其他查询或操作');
    }
  });

  it('does not restrict anyone whose roles are not exactly SCREEN', () => {
    const other = parse('query { region(code: "990100") { name } }');
    expect(allowList.check(caller(Role.LEADER), other)).toBeUndefined();
    expect(allowList.check(caller(Role.SCREEN, Role.LEADER), other)).toBeUndefined();
    expect(allowList.check(null, other)).toBeUndefined();
  });
});
