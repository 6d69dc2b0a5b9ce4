import { GATEWAY_AUTH_HEADER, CLIENT_ADDRESS_HEADER, Role, signGatewayToken, type Caller } from '@bizenv/common/auth';
import { clockOffsetMs, now, setClockOffset } from '@bizenv/common/clock';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph, TEST_SECRET } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPersonId } from '../src/person/demo-people.js';
import { DEMO_PASSWORD } from '../src/seed.js';
import { organizationSubgraph } from '../src/subgraph.js';

const AUTH_SECRET = new TextEncoder().encode('organization-test-auth-secret-0123456789');
const person = (key: string, roles: Role[], regionCode = '990100'): Caller => ({ id: demoPersonId(key), name: key, roles, regionCode });
const auditor = person('auditor', [Role.AUDITOR]);
const security = person('security', [Role.SECURITY_ADMIN]);
const admin = person('admin', [Role.ADMIN]);
const leader = person('city.leader', [Role.LEADER]);
const linjiangAuditor: Caller = { id: 'la', name: '临江区审计管理员', roles: [Role.AUDITOR], regionCode: '990102' };

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
const AUDIT_LOG = `query($filter: AuditLogFilter, $first: Int) { auditLog(filter: $filter, first: $first) {
  totalCount edges { node { seq at actorId actorName actorRoles actorRegion action targetId result detail address hash } } } }`;
const LOCKED_UNTIL = 'query($id: ID!) { person(id: $id) { lockedUntil } }';
const UNLOCK = 'mutation($id: ID!) { unlockPersonAccount(personId: $id) { lockedUntil } }';
const minutes = (n: number) => n * 60_000;

describe.each(await databaseTargets())('sign-ins, lockouts and the audit log on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(organizationSubgraph({ authSecret: AUTH_SECRET, production: false }), target, [], true);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const call = (caller: Caller | null, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  /** A sign-in as the gateway forwards it, with the client's address. */
  const login = async (username: string, password: string, address = '198.51.100.20'): Promise<Record<string, any>> => {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [GATEWAY_AUTH_HEADER]: await signGatewayToken(null, TEST_SECRET), [CLIENT_ADDRESS_HEADER]: address },
      body: JSON.stringify({ query: LOGIN, variables: { u: username, p: password } }),
    });
    const body = (await response.json()) as { data?: any; errors?: { message: string; extensions: Record<string, any> }[] };
    return body.errors ? { ...body.errors[0].extensions, message: body.errors[0].message } : { code: 'OK' };
  };
  const audit = async (filter: Record<string, unknown>, caller = auditor) => {
    const result = await call(caller, AUDIT_LOG, { filter, first: 100 });
    expect(result.errors).toBeUndefined();
    return result.data.auditLog.edges.map((e: any) => e.node) as Record<string, any>[];
  };
  const advance = (ms: number) => setClockOffset(clockOffsetMs() + ms);

  it('locks an account after 5 failed sign-ins within 15 minutes, for 30 minutes, the right password included', async () => {
    for (let i = 1; i <= 4; i++) expect(await login('ambassador', `wrong${i}`)).toMatchObject({ code: 'UNAUTHENTICATED', message: '用户名或密码错误' });
    const fifth = await login('ambassador', 'wrong5');
    expect(fifth).toMatchObject({ code: 'ACCOUNT_LOCKED', message: expect.stringMatching(/^登录失败次数过多，账号已锁定至 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d；如需提前解锁，请联系安全管理员$/) });
    expect(Date.parse(fifth.lockedUntil) - now().getTime()).toBeGreaterThan(minutes(29));
    expect(fifth.retryAfter).toBeGreaterThan(29 * 60);
    expect(await login('ambassador', DEMO_PASSWORD)).toMatchObject({ code: 'ACCOUNT_LOCKED', lockedUntil: fifth.lockedUntil });

    const id = demoPersonId('ambassador');
    expect((await call(security, LOCKED_UNTIL, { id })).data.person.lockedUntil).toBe(fifth.lockedUntil);
    expect((await call(admin, LOCKED_UNTIL, { id })).data.person.lockedUntil).toBeNull();
    const trail = await audit({ targetId: 'ambassador' });
    expect(trail.map((row) => [row.action, row.result, row.detail])).toEqual([
      ['SIGN_IN', 'DENIED', '账号已锁定'],
      ['ACCOUNT_LOCKED', 'ALLOWED', '连续5次登录失败，锁定30分钟'],
      ...Array.from({ length: 5 }, () => ['SIGN_IN', 'DENIED', '密码错误']),
    ]);
    expect(trail[0]).toMatchObject({ actorId: id, actorName: '市级服务大使', actorRoles: 'SERVICE_AMBASSADOR', actorRegion: '990100', address: '198.51.100.20' });

    advance(minutes(31));
    expect(await login('ambassador', DEMO_PASSWORD)).toEqual({ code: 'OK' });
    expect((await call(security, LOCKED_UNTIL, { id })).data.person.lockedUntil).toBeNull();
  });

  it('counts only the failures within the window, and a successful sign-in clears them', async () => {
    for (let i = 0; i < 4; i++) expect(await login('supervisor', 'wrong')).toMatchObject({ code: 'UNAUTHENTICATED' });
    advance(minutes(16));
    for (let i = 0; i < 4; i++) expect(await login('supervisor', 'wrong')).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await login('supervisor', DEMO_PASSWORD)).toEqual({ code: 'OK' });
    for (let i = 0; i < 4; i++) expect(await login('supervisor', 'wrong')).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await login('supervisor', DEMO_PASSWORD)).toEqual({ code: 'OK' });
  });

  it('locks once under concurrent failures, and lets a security administrator (only) unlock early', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => login('handler.tax', 'guess1234')));
    expect(results.filter((r) => r.code === 'ACCOUNT_LOCKED').length).toBeGreaterThanOrEqual(1);
    expect(results.filter((r) => r.code === 'UNAUTHENTICATED').length).toBeGreaterThanOrEqual(4);
    expect(await audit({ targetId: 'handler.tax', action: 'ACCOUNT_LOCKED' })).toHaveLength(1);

    const id = demoPersonId('handler.tax');
    for (const caller of [admin, auditor, leader]) expect((await call(caller, UNLOCK, { id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await login('handler.tax', DEMO_PASSWORD)).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect((await call(security, UNLOCK, { id })).data.unlockPersonAccount.lockedUntil).toBeNull();
    expect((await call(security, UNLOCK, { id })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personId' });
    expect(await login('handler.tax', DEMO_PASSWORD)).toEqual({ code: 'OK' });
    expect(await audit({ targetId: id, action: 'ACCOUNT_UNLOCKED' })).toMatchObject([{ actorId: security.id, result: 'ALLOWED' }]);
  });

  it('records every sign-in with the account tried, the address and the result', async () => {
    expect(await login('nobody.here', 'whatever1', '203.0.113.7')).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await login('Hotline', DEMO_PASSWORD, '203.0.113.7')).toEqual({ code: 'OK' });
    expect(await audit({ targetId: 'nobody.here' })).toMatchObject([
      { actorId: '-', actorName: '未知账号', actorRoles: '', actorRegion: '', action: 'SIGN_IN', result: 'DENIED', detail: '用户名不存在', address: '203.0.113.7' },
    ]);
    expect((await audit({ targetId: 'hotline', result: 'ALLOWED' }))[0]).toMatchObject({ actorId: demoPersonId('hotline'), action: 'SIGN_IN', detail: null, address: '203.0.113.7' });
    // a district auditor reads the district's actors and unknown accounts only
    const district = await audit({ action: 'SIGN_IN' }, linjiangAuditor);
    expect(district.length).toBeGreaterThan(0);
    expect(district.every((row) => row.actorRegion === '' || row.actorRegion.startsWith('990102'))).toBe(true);
  });

  it('records role and account changes and the denials the gateway reports', async () => {
    const id = demoPersonId('linjiang.leader');
    const changed = await call(security, 'mutation($id: ID!) { updatePerson(input: { id: $id, roles: [LEADER, SUPERVISOR] }) { roles } }', { id });
    expect(changed.errors).toBeUndefined();
    expect(await audit({ targetId: id, action: 'ROLE_CHANGE' })).toMatchObject([
      { actorId: security.id, actorRoles: 'SECURITY_ADMIN', result: 'ALLOWED', detail: '临江区领导：角色 LEADER → LEADER,SUPERVISOR' },
    ]);
    const reset = await call(security, 'mutation($id: ID!) { setPersonAccount(personId: $id, username: "linjiang.leader", password: "Renewed2026x") { hasAccount } }', { id });
    expect(reset.errors).toBeUndefined();
    const [accountSet] = await audit({ targetId: id, action: 'ACCOUNT_SET' });
    expect(accountSet.detail).not.toContain('Renewed2026x');

    const REPORT = 'mutation($d: [AccessDenialInput!]!) { recordAccessDenials(denials: $d) }';
    const denials = [{ operationName: 'Complainant', path: 'complainantOf', message: '当前账号无权执行此操作' }];
    expect((await call(leader, REPORT, { d: denials })).data.recordAccessDenials).toBe(1);
    expect(await audit({ actorId: leader.id, action: 'ACCESS_DENIED' })).toMatchObject([
      { actorName: 'city.leader', result: 'DENIED', detail: 'Complainant complainantOf：当前账号无权执行此操作' },
    ]);
    expect((await call(null, REPORT, { d: denials })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await call(leader, REPORT, { d: Array.from({ length: 21 }, () => denials[0]) })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is read, exported and verified by auditors only', async () => {
    for (const caller of [admin, security, leader, null]) {
      for (const query of [AUDIT_LOG, '{ exportAuditLog(format: CSV) { rowCount } }', '{ auditChainStatus { intact } }']) {
        expect((await call(caller, query)).errors?.[0].extensions?.code, `${caller?.name} ${query}`).toBe(caller ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      }
    }
    const exported = await call(auditor, '{ exportAuditLog(format: CSV, filter: { action: "SIGN_IN", result: DENIED }) { fileName contentType contentBase64 rowCount } }');
    const file = exported.data.exportAuditLog;
    expect(file.fileName).toMatch(/^审计日志-\d{8}-\d{4}\.csv$/);
    const text = Buffer.from(file.contentBase64, 'base64').toString('utf8');
    expect(text).toContain('序号,时间,操作人标识,操作人,角色,区域,操作,对象,结果,说明,客户端地址,哈希');
    expect(text).toContain('nobody.here');
    expect(text.trim().split('\n')).toHaveLength(file.rowCount + 1);
    expect((await call(auditor, '{ exportAuditLog { contentType rowCount } }')).data.exportAuditLog.contentType).toMatch(/spreadsheetml/);
    const from = new Date(now().getTime() + minutes(1)).toISOString();
    expect((await call(auditor, AUDIT_LOG, { filter: { from, to: from } })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    expect((await call(auditor, '{ auditChainStatus { intact length brokenSeq problem } }')).data.auditChainStatus).toMatchObject({ intact: true, brokenSeq: null });
  });

  // Last: it breaks the chain.
  it('refuses UPDATE and DELETE in the database, and the verifier names the first altered row', async () => {
    const raw = (sql: string) => subgraph.dataSource.query(sql);
    await expect(raw("UPDATE audit_log SET result = 'ALLOWED' WHERE result = 'DENIED'")).rejects.toThrow(/append-only/);
    await expect(raw('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await raw('DROP TRIGGER audit_log_no_update');
    await raw("UPDATE audit_log SET detail = '密码正确' WHERE seq = 2");
    expect((await call(auditor, '{ auditChainStatus { intact length brokenSeq problem } }')).data.auditChainStatus).toEqual({ intact: false, length: 1, brokenSeq: 2, problem: 'altered' });
  });
});
