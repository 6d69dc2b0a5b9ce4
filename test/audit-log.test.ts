/**
 * The audit logs through the gateway (等保 level 3, 三员分立): sign-ins with the client's
 * address, every FORBIDDEN answer (from a subgraph or from the gateway itself) reported to the
 * organization log, both logs (organization, and the complaints identity views) read by the
 * auditor only; and a session token that stops working when unused.
 */
import { databaseTargets, type DatabaseTarget } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from './support/system.js';

const AUDIT_LOG = `query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 100) {
  edges { node { actorId actorName action targetId result detail address } } } }`;
const IDENTITY_AUDIT_LOG = `query($filter: AuditLogFilter) { identityAuditLog(filter: $filter, first: 100) {
  totalCount edges { node { actorName action targetId result } } } }`;

describe.each(await databaseTargets())('audit logs through the gateway on $name', ({ create }) => {
  let target: DatabaseTarget;
  let system: TestSystem;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    target = create();
    system = await startTestSystem(target);
    for (const username of ['auditor', 'security', 'admin', 'city.leader', 'hotline', 'inspector', 'screen']) {
      tokens[username] = await system.login(username);
      ids[username] = JSON.parse(Buffer.from(tokens[username].split('.')[1], 'base64url').toString('utf8')).sub;
    }
  });

  afterAll(async () => {
    await system?.stop();
    await target?.dispose();
  });

  const auditLog = async (filter: Record<string, unknown>) => {
    const result = await system.query(AUDIT_LOG, { filter }, tokens.auditor);
    expect(result.errors).toBeUndefined();
    return result.data.auditLog.edges.map((e: any) => e.node) as Record<string, any>[];
  };

  it('records sign-ins with the client address the gateway saw', async () => {
    const rows = await auditLog({ action: 'SIGN_IN', targetId: 'city.leader' });
    expect(rows[0]).toMatchObject({ actorId: ids['city.leader'], result: 'ALLOWED', address: expect.stringMatching(/127\.0\.0\.1$/) });
    const failed = await system.query('mutation { login(username: "city.leader", password: "not-the-password") { token } }');
    expect(failed.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await auditLog({ action: 'SIGN_IN', targetId: 'city.leader', result: 'DENIED' }))[0]).toMatchObject({ detail: '密码错误' });
  });

  it('records the FORBIDDEN answers of subgraphs and of the gateway, naming the refused caller', async () => {
    // a subgraph refuses: a leader may not see a complainant's identity
    const refused = await system.query('query Identity { complainantOf(complaintId: "00000000-0000-4000-8000-000000000000") { name } }', {}, tokens['city.leader']);
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const [denial] = await eventually(async () => (await auditLog({ action: 'ACCESS_DENIED', actorId: ids['city.leader'] }))[0] && auditLog({ action: 'ACCESS_DENIED', actorId: ids['city.leader'] }));
    expect(denial).toMatchObject({ actorName: '市领导', result: 'DENIED', detail: expect.stringMatching(/^Identity complainantOf：/), address: expect.stringMatching(/127\.0\.0\.1$/) });
    // the gateway refuses: a wall screen runs only its own documents
    const notForScreen = await system.query('{ people { totalCount } }', {}, tokens.screen);
    expect(notForScreen.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const screenDenials = await eventually(async () => (await auditLog({ action: 'ACCESS_DENIED', actorId: ids.screen }))[0] && auditLog({ action: 'ACCESS_DENIED', actorId: ids.screen }));
    expect(screenDenials).toHaveLength(1);
    // the report itself is not in the gateway's API
    const forged = await system.query('mutation { recordAccessDenials(denials: [{ message: "伪造" }]) }', {}, tokens.admin);
    expect(forged.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('lets the auditor (and only the auditor) read and export both audit logs', async () => {
    const { data } = await system.query('{ complaints(first: 1) { edges { node { id } } } }', {}, tokens.hotline);
    const complaintId = data.complaints.edges[0].node.id;
    const viewed = await system.query('query($id: ID!) { complainantOf(complaintId: $id) { anonymous } }', { id: complaintId }, tokens.hotline);
    expect(viewed.errors).toBeUndefined();
    const views = await system.query(IDENTITY_AUDIT_LOG, { filter: { targetId: complaintId, action: 'COMPLAINANT_VIEW' } }, tokens.auditor);
    expect(views.errors).toBeUndefined();
    expect(views.data.identityAuditLog.edges[0].node).toEqual({ actorName: '12345热线受理员', action: 'COMPLAINANT_VIEW', targetId: complaintId, result: 'ALLOWED' });
    const exported = await system.query(
      'query($filter: AuditLogFilter) { exportIdentityAuditLog(format: CSV, filter: $filter) { fileName rowCount } exportAuditLog(format: CSV) { rowCount } }',
      { filter: { targetId: complaintId, action: 'COMPLAINANT_VIEW' } },
      tokens.auditor,
    );
    expect(exported.errors).toBeUndefined();
    expect(exported.data.exportIdentityAuditLog).toMatchObject({ fileName: expect.stringMatching(/^投诉人身份审计日志-/), rowCount: views.data.identityAuditLog.totalCount });
    expect((await system.query('{ auditChainStatus { intact } identityAuditChainStatus { intact } }', {}, tokens.auditor)).data).toEqual({
      auditChainStatus: { intact: true },
      identityAuditChainStatus: { intact: true },
    });

    for (const username of ['admin', 'security', 'hotline', 'inspector', 'city.leader']) {
      for (const query of [AUDIT_LOG, IDENTITY_AUDIT_LOG, '{ exportIdentityAuditLog { rowCount } }', '{ identityAuditChainStatus { intact } }']) {
        expect((await system.query(query, {}, tokens[username])).errors?.[0].extensions.code, `${username} ${query.slice(0, 40)}`).toBe('FORBIDDEN');
      }
    }
    // and the auditor reads no business data
    expect((await system.query('{ complaints(first: 1) { totalCount } }', {}, tokens.auditor)).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
