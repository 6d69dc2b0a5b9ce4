/**
 * Whistleblower protection in the complaints subgraph: the complainant's identity encrypted apart
 * from the complaint and readable only by accepting staff and discipline inspectors, each view
 * audited; clue transfer to the discipline commission; the enterprise protection period.
 */
import { randomBytes } from 'node:crypto';
import { Permission, Role, type Caller } from '@bizenv/common/auth';
import { clockOffsetMs, now, setClockOffset } from '@bizenv/common/clock';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import type { DomainEvent } from '@bizenv/common/event-bus';
import { creditCodeCheckChar } from '@bizenv/common/credit-code';
import { FieldCipher, FieldCryptoError, type FieldKeys } from '@bizenv/common/field-crypto';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { allPages, callSubgraph, type DatabaseTarget, databaseTargets, eventually, startTestSubgraph, TEST_IDENTITY_KEYS } from '@bizenv/common/testing';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, verifyAuditChain } from '@bizenv/common/audit-log';
import { Channel, ComplaintCategory } from '../src/complaint/complaint-enums.js';
import { sameComplainantComplaintIds } from '../src/identity/complainant-match.js';
import { sealComplainant } from '../src/identity/complainant-seal.js';
import { ComplainantService } from '../src/identity/complainant.service.js';
import { complaintsSubgraph, type ComplaintsDeps } from '../src/subgraph.js';

const UNIT = '8a3f1c2e-0000-5000-a000-0000000000b4';
const person = (id: string, roles: Role[], regionCode = '990100', extra: Partial<Caller> = {}): Caller => ({ id, name: id, roles, regionCode, ...extra });
const hotline = person('hotline-1', [Role.HOTLINE_OPERATOR]);
const chengnanHotline = person('hotline-cn', [Role.HOTLINE_OPERATOR], '990103');
const inspector = person('inspector-1', [Role.DISCIPLINE_INSPECTOR]);
const inspector2 = person('inspector-2', [Role.DISCIPLINE_INSPECTOR]);
const hotlineAndInspector = person('both-1', [Role.HOTLINE_OPERATOR, Role.DISCIPLINE_INSPECTOR]);
const leader = person('leader-1', [Role.LEADER]);
const admin = person('admin-1', [Role.ADMIN]);
const handler = person('handler-1', [Role.UNIT_HANDLER], '990102', { unitId: UNIT });
const screen = person('screen-1', [Role.SCREEN]);
const ambassador = person('ambassador-1', [Role.SERVICE_AMBASSADOR]);
const chengnanAmbassador = person('ambassador-cn', [Role.SERVICE_AMBASSADOR], '990103');
/** An API key holding even the identity scope (as one made before it was withheld from keys). */
const apiKey: Caller = {
  id: 'apikey:1',
  name: '某平台',
  roles: [Role.INTEGRATOR],
  regionCode: '990100',
  permissions: [Permission.COMPLAINT_READ, Permission.COMPLAINANT_IDENTITY, Permission.STATS_READ, Permission.ENTERPRISE_READ],
};

const NAME = '林晓雯';
const PHONE = '13912345678';
const ID_NUMBER = '11010519491231002X';
const CREDIT_CODE = '91350100M000100Y43';
const SECRETS = [NAME, PHONE, ID_NUMBER, CREDIT_CODE];
const named = { anonymous: false, name: NAME, phone: `+86 ${PHONE}`, idNumber: ID_NUMBER.toLowerCase(), enterpriseCreditCode: CREDIT_CODE };

const RECEIVE = `mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id version receivedAt } }`;
const DISPATCH = `mutation($input: DispatchComplaintInput!) { dispatchComplaint(input: $input) { id version } }`;
const ACT = `mutation($input: ActOnComplaintInput!) { actOnComplaint(input: $input) { id version } }`;
const IDENTITY = `query($id: ID!) { complainantOf(complaintId: $id) { anonymous name phone idNumber enterpriseCreditCode } }`;
const COMPLAINT_FIELDS = `id channel category title content receivedAt replyDueAt closeDueAt deadlineProvisional dispatchStatus version overdue
  unit { id } region { code } timeline { action fromStatus toStatus actorName reason reply satisfaction at } clueTransfer { status reason }`;
const COMPLAINT = `query($id: ID!) { complaint(id: $id) { ${COMPLAINT_FIELDS} } }`;
const ENTITY = `query($id: ID!) { _entities(representations: [{ __typename: "Complaint", id: $id }]) { ... on Complaint { ${COMPLAINT_FIELDS} } } }`;
const LIST = `query($after: String) { complaints(filter: { regionCode: "990102001" }, first: 100, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { ${COMPLAINT_FIELDS} } } } }`;
const STATS = `query { _entities(representations: [{ __typename: "Region", code: "990102" }]) { ... on Region { complaintStats { total open byDispatchStatus { status count } } } } }`;
const PROPOSE = `mutation($id: ID!, $reason: String!) { proposeClueTransfer(complaintId: $id, reason: $reason) { id status reason proposedByName } }`;
const APPROVE = `mutation($id: ID!) { approveClueTransfer(id: $id) { id status approverId approverName decidedAt } }`;
const DECLINE = `mutation($id: ID!, $reason: String!) { declineClueTransfer(id: $id, reason: $reason) { id status declineReason approverName } }`;
const CLUES = `query($status: ClueStatus) { clueTransfers(filter: { status: $status }, first: 100) { totalCount edges { node { id status complaint { id } } } } }`;
const PROTECTION = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enterprise { protection { protectedUntil reason } } } }`;

const input = (overrides: Record<string, unknown> = {}) => ({
  channel: Channel.HOTLINE_967788,
  category: ComplaintCategory.ASKING_FAVOURS,
  title: '窗口人员索要购物卡',
  content: '办理许可时被暗示“表示表示”。',
  regionCode: '990102001',
  ...overrides,
});

const DAY_MS = 86_400_000;
const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17);
const NEVER_COMPLAINED = creditCode('91990102MA0000002');
const aesKeys = (): FieldKeys => ({ current: { cipher: 'aes-256-gcm', key: randomBytes(32) }, old: [] });

function expectNoSecrets(value: unknown, label: string) {
  const text = JSON.stringify(value);
  for (const secret of SECRETS) expect(text, `${label} carries ${secret}`).not.toContain(secret);
}

describe.each(await databaseTargets())('whistleblower protection in the complaints subgraph on $name', ({ name, create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<ComplaintsDeps>;
  const events: DomainEvent[] = [];
  const call = (caller: Caller | null, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  const raw = (sql: string, parameters: unknown[] = []): Promise<Record<string, any>[]> => subgraph.dataSource.query(sql, parameters);
  const auditOf = (complaintId: string) => raw('SELECT * FROM audit_log WHERE targetId = ? ORDER BY seq', [complaintId]);

  async function receive(complainant: Record<string, unknown> | null, overrides: Record<string, unknown> = {}) {
    const result = await call(hotline, RECEIVE, { input: input({ ...(complainant ? { complainant } : {}), ...overrides }) });
    expect(result.errors).toBeUndefined();
    return result.data.receiveComplaint as { id: string; version: number; receivedAt: string };
  }

  async function dispatched(complainant = named) {
    const complaint = await receive(complainant);
    const result = await call(hotline, DISPATCH, { input: { id: complaint.id, unitId: UNIT, expectedVersion: 1 } });
    expect(result.errors).toBeUndefined();
    return complaint;
  }

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(complaintsSubgraph({ identity: TEST_IDENTITY_KEYS }), target, events, false);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  describe('the complainant', () => {
    it('is kept apart from the complaint, encrypted: a raw SELECT shows ciphertext only', async () => {
      const { id } = await receive(named);
      const [row] = await raw('SELECT * FROM complainant WHERE complaintId = ?', [id]);
      expect(row.sealed).toMatch(/^v1:aes-256-gcm:[0-9a-f]{16}:[\w-]+:[\w-]+:[\w-]+$/);
      expect(row.keyId).toBe(row.sealed.split(':')[2]);
      for (const index of [row.phoneIndex, row.idNumberIndex, row.creditCodeIndex]) expect(index).toMatch(/^[0-9a-f]{64}$/);
      expectNoSecrets(row, 'the complainant row');
      expectNoSecrets(await raw('SELECT * FROM complaint WHERE id = ?', [id]), 'the complaint row');
      expectNoSecrets(await raw('SELECT * FROM complaint_event_log WHERE complaintId = ?', [id]), 'the timeline');
    });

    it('is readable by accepting staff and discipline inspectors, each view audited with who, when and what', async () => {
      const { id } = await receive(named);
      for (const viewer of [hotline, inspector]) {
        const result = await call(viewer, IDENTITY, { id });
        expect(result.errors).toBeUndefined();
        expect(result.data.complainantOf).toEqual({ anonymous: false, name: NAME, phone: PHONE, idNumber: ID_NUMBER, enterpriseCreditCode: CREDIT_CODE });
      }
      const rows = await auditOf(id);
      expect(rows.map((r) => [r.actorId, r.actorRoles, r.action, r.result])).toEqual([
        ['hotline-1', 'HOTLINE_OPERATOR', 'COMPLAINANT_VIEW', 'ALLOWED'],
        ['inspector-1', 'DISCIPLINE_INSPECTOR', 'COMPLAINANT_VIEW', 'ALLOWED'],
      ]);
      for (const row of rows) expect(Math.abs(new Date(row.at instanceof Date ? row.at : `${row.at.replace(' ', 'T')}Z`).getTime() - now().getTime())).toBeLessThan(60_000);
      expectNoSecrets(rows, 'the audit log');
    });

    it('is refused to everyone else, each signed-in attempt audited as denied', async () => {
      const { id } = await dispatched();
      const refused: [Caller, string][] = [
        [handler, 'FORBIDDEN'],
        [leader, 'FORBIDDEN'],
        [admin, 'FORBIDDEN'],
        [screen, 'FORBIDDEN'],
        [apiKey, 'FORBIDDEN'],
        [chengnanHotline, 'FORBIDDEN'],
      ];
      for (const [caller, code] of refused) {
        const result = await call(caller, IDENTITY, { id });
        expect(result.data?.complainantOf ?? null, caller.id).toBeNull();
        expect(result.errors?.[0].extensions?.code, caller.id).toBe(code);
      }
      const anonymous = await call(null, IDENTITY, { id });
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await auditOf(id)).map((r) => [r.actorId, r.result])).toEqual(refused.map(([caller]) => [caller.id, 'DENIED']));
    });

    it('is null for a complaint taken in without one, and that view is audited too', async () => {
      const { id } = await receive(null);
      expect((await call(hotline, IDENTITY, { id })).data.complainantOf).toBeNull();
      expect((await auditOf(id)).map((r) => [r.result, r.detail])).toEqual([['ALLOWED', '未登记投诉人信息']]);
    });

    it('never leaves through the complaint, the list, entity references or events, for any reader', async () => {
      const { id } = await dispatched();
      for (const caller of [handler, leader, hotline, inspector, apiKey]) {
        const item = await call(caller, COMPLAINT, { id });
        expect(item.errors, caller.id).toBeUndefined();
        expect(item.data.complaint.id).toBe(id);
        expectNoSecrets(item, `complaint(id) for ${caller.id}`);
        const entity = await call(caller, ENTITY, { id });
        expect(entity.data._entities[0].id).toBe(id);
        expectNoSecrets(entity, `_entities for ${caller.id}`);
        const list = await allPages(async (after) => (await call(caller, LIST, { after })).data.complaints);
        expect(list.nodes.some((node: any) => node.id === id), caller.id).toBe(true);
        expectNoSecrets(list, `complaints for ${caller.id}`);
      }
      await eventually(() => events.some((e) => e.payload.id === id && e.topic === 'complaint.dispatched'));
      expectNoSecrets(events, 'the events');
    });

    it('is refused when malformed, naming the field, and then nothing is stored', async () => {
      const count = async () => (await raw('SELECT (SELECT COUNT(*) FROM complaint) AS complaints, (SELECT COUNT(*) FROM complainant) AS complainants'))[0];
      const before = await count();
      const published = events.length;
      const cases: [Record<string, unknown>, string][] = [
        [{ anonymous: false, phone: PHONE }, 'complainant.name'],
        [{ anonymous: true, name: NAME }, 'complainant.name'],
        [{ ...named, phone: '110' }, 'complainant.phone'],
        [{ ...named, idNumber: '110105194912310021' }, 'complainant.idNumber'],
        [{ ...named, enterpriseCreditCode: '91350100M0001TGQXM' }, 'complainant.enterpriseCreditCode'],
      ];
      for (const [complainant, field] of cases) {
        const result = await call(hotline, RECEIVE, { input: input({ complainant }) });
        expect(result.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      expect(await count()).toEqual(before);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(events.length).toBe(published);
    });

    it('fails loudly under a key that is not configured (audited as failed), and reads a rotated-out key', async () => {
      const { id } = await receive(named);
      const wrong = new ComplainantService(subgraph.dataSource, new FieldCipher(aesKeys()));
      await expect(wrong.view(hotline, id)).rejects.toThrow(FieldCryptoError);
      await expect(wrong.view(hotline, id)).rejects.toThrow(/not configured/);
      expect((await auditOf(id)).map((r) => r.result)).toEqual(['FAILED', 'FAILED']);
      const rotated = new ComplainantService(subgraph.dataSource, new FieldCipher({ current: aesKeys().current, old: [TEST_IDENTITY_KEYS.current] }));
      expect(await rotated.view(inspector, id)).toMatchObject({ name: NAME, phone: PHONE });
    });

    it('is matched to the same complainant\'s other complaints by keyed hash, also across a key rotation', async () => {
      const first = await receive({ anonymous: true, phone: '139 1234 5678' });
      const second = await receive({ anonymous: false, name: '另一人', phone: '13700000000', enterpriseCreditCode: CREDIT_CODE });
      const other = await receive({ anonymous: false, name: '第三人', phone: '13600000000' });
      const rotated = new FieldCipher({ current: aesKeys().current, old: [TEST_IDENTITY_KEYS.current] });
      const sealed = sealComplainant(rotated, '00000000-0000-4000-8000-000000000000', { anonymous: false, name: NAME, phone: PHONE, enterpriseCreditCode: CREDIT_CODE });
      const matches = await sameComplainantComplaintIds(subgraph.dataSource.manager, sealed);
      expect(matches).toEqual(expect.arrayContaining([first.id, second.id]));
      expect(matches).not.toContain(other.id);
    });
  });

  describe('clue transfer to the discipline commission', () => {
    it('is proposed by accepting staff with a reason, invisible to the unit, and decided by an inspector', async () => {
      const { id } = await dispatched();
      const before = (await call(hotline, STATS)).data._entities[0].complaintStats;
      for (const caller of [handler, inspector, leader]) {
        expect((await call(caller, PROPOSE, { id, reason: '涉嫌索贿' })).errors?.[0].extensions?.code, caller.id).toBe('FORBIDDEN');
      }
      const proposed = await call(hotline, PROPOSE, { id, reason: '反映窗口人员索要财物，涉嫌违纪' });
      expect(proposed.data.proposeClueTransfer).toMatchObject({ status: 'PROPOSED', reason: '反映窗口人员索要财物，涉嫌违纪', proposedByName: 'hotline-1' });
      expect((await call(hotline, PROPOSE, { id, reason: '再次提出' })).errors?.[0].extensions?.code).toBe('CONFLICT');
      // Pending: the unit sees the complaint as before, with no trace of the proposal.
      const seenByUnit = await call(handler, COMPLAINT, { id });
      expect(seenByUnit.data.complaint).toMatchObject({ version: 2, clueTransfer: null });
      expect(seenByUnit.data.complaint.timeline.map((s: any) => s.action)).toEqual(['RECEIVE', 'DISPATCH']);
      expect((await call(leader, COMPLAINT, { id })).data.complaint.clueTransfer).toBeNull();
      expect((await call(inspector, COMPLAINT, { id })).data.complaint.clueTransfer).toMatchObject({ status: 'PROPOSED' });
      const clueId = proposed.data.proposeClueTransfer.id;
      expect((await call(hotline, APPROVE, { id: clueId })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const approved = await call(inspector, APPROVE, { id: clueId });
      expect(approved.errors).toBeUndefined();
      expect(approved.data.approveClueTransfer).toMatchObject({ status: 'TRANSFERRED', approverId: 'inspector-1', approverName: 'inspector-1' });
      expect((await call(inspector2, APPROVE, { id: clueId })).errors?.[0].extensions?.code).toBe('CONFLICT');

      // Closed in the 12345 loop, counted as such, with only its id in the event.
      const after = (await call(hotline, STATS)).data._entities[0].complaintStats;
      expect(after.total).toBe(before.total);
      expect(after.open).toBe(before.open - 1);
      const transferred = await eventually(() => events.find((e) => e.topic === 'complaint.clue_transferred' && e.payload.id === id));
      expect(transferred.payload).toEqual({ id });
      const seenByInspector = (await call(inspector, COMPLAINT, { id })).data.complaint;
      expect(seenByInspector).toMatchObject({ dispatchStatus: DispatchStatus.CLOSED, version: 3, clueTransfer: { status: 'TRANSFERRED' } });
      expect(seenByInspector.timeline.at(-1)).toMatchObject({ action: 'TRANSFER_CLUE', fromStatus: 'DISPATCHED', toStatus: 'CLOSED', actorName: 'inspector-1' });

      expect((await auditOf(id)).map((r) => [r.actorId, r.action, r.result])).toEqual([
        ['handler-1', 'CLUE_PROPOSE', 'DENIED'],
        ['inspector-1', 'CLUE_PROPOSE', 'DENIED'],
        ['leader-1', 'CLUE_PROPOSE', 'DENIED'],
        ['hotline-1', 'CLUE_PROPOSE', 'ALLOWED'],
        ['hotline-1', 'CLUE_APPROVE', 'DENIED'],
        ['inspector-1', 'CLUE_APPROVE', 'ALLOWED'],
      ]);
    });

    it('is then visible to discipline inspectors only: gone from everyone else\'s reads, lists and identity views', async () => {
      const { id } = await dispatched();
      const clueId = (await call(hotline, PROPOSE, { id, reason: '涉嫌滥用职权' })).data.proposeClueTransfer.id;
      expect((await call(inspector, APPROVE, { id: clueId })).errors).toBeUndefined();
      for (const caller of [handler, leader, hotline, admin, apiKey]) {
        const item = await call(caller, COMPLAINT, { id });
        expect(item.errors?.[0].extensions?.code, caller.id).toBe('NOT_FOUND');
        expect((await call(caller, ENTITY, { id })).data?._entities?.[0] ?? null, caller.id).toBeNull();
        const list = await allPages(async (after) => (await call(caller, LIST, { after })).data.complaints);
        expect(list.nodes.map((node: any) => node.id), caller.id).not.toContain(id);
      }
      expect((await call(hotline, ACT, { input: { id, action: 'REJECT', reason: '重复', expectedVersion: 3 } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect((await call(hotline, IDENTITY, { id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const inspectorsList = await allPages(async (after) => (await call(inspector, LIST, { after })).data.complaints);
      expect(inspectorsList.nodes.map((node: any) => node.id)).toContain(id);
      expect((await call(inspector, IDENTITY, { id })).data.complainantOf.name).toBe(NAME);
      expect((await auditOf(id)).filter((r) => r.action === 'COMPLAINANT_VIEW').map((r) => [r.actorId, r.result])).toEqual([
        ['hotline-1', 'DENIED'],
        ['inspector-1', 'ALLOWED'],
      ]);
      const clues = (await call(inspector, CLUES, { status: 'TRANSFERRED' })).data.clueTransfers;
      expect(clues.edges.map((edge: any) => edge.node.complaint.id)).toContain(id);
      expect((await call(hotline, CLUES, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('may be declined with a reason (the complaint stays in the loop) and proposed again; never approved by its proposer', async () => {
      const { id } = await dispatched();
      const first = (await call(hotlineAndInspector, PROPOSE, { id, reason: '疑似违纪' })).data.proposeClueTransfer;
      expect((await call(hotlineAndInspector, APPROVE, { id: first.id })).errors?.[0]).toMatchObject({ message: '不能审批本人提出的线索移交', extensions: { code: 'FORBIDDEN' } });
      expect((await call(inspector, DECLINE, { id: first.id, reason: '  ' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      const declined = await call(inspector, DECLINE, { id: first.id, reason: '不属于违纪线索，继续按12345流程办理' });
      expect(declined.data.declineClueTransfer).toMatchObject({ status: 'DECLINED', declineReason: '不属于违纪线索，继续按12345流程办理', approverName: 'inspector-1' });
      expect((await call(handler, COMPLAINT, { id })).data.complaint).toMatchObject({ dispatchStatus: DispatchStatus.DISPATCHED, version: 2 });
      expect((await call(hotline, PROPOSE, { id, reason: '补充材料后再次提出' })).data.proposeClueTransfer.status).toBe('PROPOSED');
      expect((await auditOf(id)).map((r) => [r.actorId, r.action, r.result])).toEqual([
        ['both-1', 'CLUE_PROPOSE', 'ALLOWED'],
        ['both-1', 'CLUE_APPROVE', 'DENIED'],
        ['inspector-1', 'CLUE_DECLINE', 'ALLOWED'],
        ['hotline-1', 'CLUE_PROPOSE', 'ALLOWED'],
      ]);
    });

    it('shows a proposal\'s reason and the people behind it to inspectors and the proposer only; other accepting staff see its status', async () => {
      const { id } = await dispatched();
      const DETAIL = `query($id: ID!) { complaint(id: $id) { clueTransfer { status proposedAt decidedAt reason proposedById proposedByName approverId approverName declineReason } } }`;
      const seen = async (caller: Caller) => (await call(caller, DETAIL, { id })).data.complaint.clueTransfer;
      const clueId = (await call(hotline, PROPOSE, { id, reason: '反映窗口人员吃拿卡要' })).data.proposeClueTransfer.id;
      const full = { status: 'PROPOSED', reason: '反映窗口人员吃拿卡要', proposedById: 'hotline-1', proposedByName: 'hotline-1' };
      expect(await seen(inspector)).toMatchObject(full);
      expect(await seen(hotline)).toMatchObject(full);
      const statusOnly = { proposedAt: expect.any(String), reason: null, proposedById: null, proposedByName: null, approverId: null, approverName: null, declineReason: null };
      // Another hotline operator, and an administrator (who holds complaint:dispatch too), learn only that one is pending.
      for (const caller of [person('hotline-2', [Role.HOTLINE_OPERATOR]), admin]) expect(await seen(caller), caller.id).toEqual({ ...statusOnly, status: 'PROPOSED', decidedAt: null });
      expect((await call(inspector, DECLINE, { id: clueId, reason: '证据不足' })).errors).toBeUndefined();
      expect(await seen(hotline)).toMatchObject({ status: 'DECLINED', declineReason: '证据不足', approverName: 'inspector-1' });
      expect(await seen(person('hotline-2', [Role.HOTLINE_OPERATOR]))).toEqual({ ...statusOnly, status: 'DECLINED', decidedAt: expect.any(String) });
    });

    it('lets exactly one of two inspectors approving at once win', async () => {
      const { id } = await dispatched();
      const clueId = (await call(hotline, PROPOSE, { id, reason: '涉嫌吃拿卡要' })).data.proposeClueTransfer.id;
      const results = await Promise.all([inspector, inspector2].map((caller) => call(caller, APPROVE, { id: clueId })));
      expect(results.filter((r) => r.data?.approveClueTransfer)).toHaveLength(1);
      expect(results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code)).toEqual(['CONFLICT']);
      const steps = await raw("SELECT * FROM complaint_event_log WHERE complaintId = ? AND action = 'TRANSFER_CLUE'", [id]);
      expect(steps).toHaveLength(1);
    });
    it('never leaves a transferred clue open when the unit acts on the complaint at the same moment', async () => {
      const { id } = await dispatched();
      const clueId = (await call(hotline, PROPOSE, { id, reason: '涉嫌吃拿卡要' })).data.proposeClueTransfer.id;
      const [accepted, approved] = await Promise.all([
        call(handler, ACT, { input: { id, action: 'ACCEPT', expectedVersion: 2 } }),
        call(inspector, APPROVE, { id: clueId }),
      ]);
      const [clue] = await raw('SELECT status FROM clue_transfer WHERE id = ?', [clueId]);
      const [complaint] = await raw('SELECT dispatchStatus FROM complaint WHERE id = ?', [id]);
      if (approved.data?.approveClueTransfer) {
        expect([clue.status, complaint.dispatchStatus]).toEqual(['TRANSFERRED', DispatchStatus.CLOSED]);
      } else {
        expect(approved.errors?.[0].extensions?.code).toBe('CONFLICT');
        expect(accepted.data?.actOnComplaint).toBeTruthy();
        expect([clue.status, complaint.dispatchStatus]).toEqual(['PROPOSED', DispatchStatus.ACCEPTED]);
      }
    });
  });

  describe('the audit log', () => {
    it('has no update or delete path: the database refuses both', async () => {
      await expect(raw("UPDATE audit_log SET result = 'ALLOWED' WHERE result = 'DENIED'")).rejects.toThrow(/append-only/);
      await expect(raw('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      expect((await raw('SELECT COUNT(*) AS n FROM audit_log'))[0].n).not.toBe(0);
    });

    it.skipIf(name !== 'mariadb')('cannot be changed by an application user granted as the README says (MySQL)', async () => {
      const database = String(subgraph.dataSource.options.database);
      const user = `bizenv_app_${randomBytes(4).toString('hex')}`;
      const password = randomBytes(12).toString('hex');
      await raw(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
      try {
        await raw(`GRANT SELECT, INSERT ON \`${database}\`.* TO '${user}'@'%'`);
        const grants = await raw(
          `SELECT CONCAT('GRANT UPDATE, DELETE ON \`${database}\`.\`', table_name, '\` TO ''${user}''@''%'';') AS statement
             FROM information_schema.tables WHERE table_schema = ? AND table_name <> 'audit_log'`,
          [database],
        );
        expect(grants.length).toBeGreaterThan(5);
        for (const grant of grants) await raw(grant.statement);
        const server = new URL(process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306');
        const app = await new DataSource({ type: 'mysql', host: server.hostname, port: Number(server.port || 3306), username: user, password, database }).initialize();
        try {
          expect(await app.query('SELECT COUNT(*) AS n FROM audit_log')).toEqual([{ n: expect.anything() }]);
          await app.query("UPDATE complaint SET version = version WHERE id = 'none'");
          await expect(app.query("UPDATE audit_log SET result = 'ALLOWED'")).rejects.toThrow(/UPDATE command denied/);
          await expect(app.query('DELETE FROM audit_log')).rejects.toThrow(/DELETE command denied/);
          await expect(app.query('DROP TRIGGER audit_log_no_delete')).rejects.toThrow(/denied/);
        } finally {
          await app.destroy();
        }
      } finally {
        await raw(`DROP USER '${user}'@'%'`);
      }
    });

    it('is a hash chain whose verifier names the first broken row', async () => {
      const check = await verifyAuditChain(subgraph.dataSource.manager);
      expect(check).toMatchObject({ intact: true });
      const length = (check as { length: number }).length;
      expect(length).toBeGreaterThan(10);
      const [first] = await raw('SELECT prevHash FROM audit_log WHERE seq = 1');
      expect(first.prevHash).toBe(GENESIS_HASH);
      // A row slipped in around the log: the head does not know it.
      await raw("INSERT INTO audit_log (seq, at, actorId, actorName, actorRoles, actorRegion, action, targetId, result, detail, prevHash, hash) VALUES (?, '2026-01-01 00:00:00', 'x', 'x', 'ADMIN', '990100', 'COMPLAINANT_VIEW', NULL, 'ALLOWED', NULL, ?, ?)", [
        length + 1,
        GENESIS_HASH,
        GENESIS_HASH,
      ]);
      expect(await verifyAuditChain(subgraph.dataSource.manager)).toEqual({ intact: false, seq: length + 1, problem: 'does not follow the previous row' });
      // Someone with the power to lift the guard rewrites a row: the chain breaks there.
      await raw('DROP TRIGGER audit_log_no_update');
      await raw("UPDATE audit_log SET result = 'ALLOWED' WHERE seq = 3");
      expect(await verifyAuditChain(subgraph.dataSource.manager)).toEqual({ intact: false, seq: 3, problem: 'altered' });
    });
  });

  describe('an enterprise that complained', () => {
    const code = creditCode('91990102MA0000001');
    const protection = async (caller: Caller, creditCode: string, region = '990102001') =>
      call(caller, PROTECTION, { reps: [{ __typename: 'Enterprise', creditCode, region: { code: region } }] });

    it('is protected for the configured period from its latest complaint, naming neither complaint nor complainant', async () => {
      const older = new Date(now().getTime() - 40 * DAY_MS).toISOString();
      const latest = new Date(now().getTime() - 10 * DAY_MS).toISOString();
      await receive({ anonymous: false, name: '企业负责人', enterpriseCreditCode: code }, { receivedAt: older });
      await receive({ anonymous: false, name: '企业经办人', enterpriseCreditCode: code }, { receivedAt: latest });
      for (const caller of [ambassador, leader, inspector]) {
        const result = await protection(caller, code);
        expect(result.errors, caller.id).toBeUndefined();
        expect(result.data._entities[0].protection, caller.id).toEqual({
          protectedUntil: new Date(new Date(latest).getTime() + 365 * DAY_MS).toISOString(),
          reason: '该企业投诉举报后的保护期内，对其开展检查须经更严格的审批',
        });
      }
      // Not to the unit complained about, nor outside the caller's region, nor without enterprise:read.
      for (const [caller, region] of [[handler, '990102001'], [chengnanAmbassador, '990102001'], [screen, '990102001']] as const) {
        expect((await protection(caller, code, region)).data._entities[0].protection, caller.id).toBeNull();
      }
      expect((await protection(ambassador, NEVER_COMPLAINED)).data._entities[0].protection).toBeNull();
      // An API key is refused, enterprise:read or not, and the same whether the enterprise complained or not.
      for (const creditCode of [code, NEVER_COMPLAINED]) {
        const refused = await protection(apiKey, creditCode);
        expect(refused.data?._entities[0]?.protection ?? null).toBeNull();
        expect(refused.errors?.[0]).toMatchObject({ message: '企业保护信息仅限本区域工作人员查看，接口密钥不能查看', extensions: { code: 'FORBIDDEN' } });
      }
    });

    it('is no longer protected once the period has passed (test clock)', async () => {
      expect((await protection(ambassador, code)).data._entities[0].protection).not.toBeNull();
      setClockOffset(clockOffsetMs() + 356 * DAY_MS);
      expect((await protection(ambassador, code)).data._entities[0].protection).toBeNull();
    });
  });
});

describe.each(await databaseTargets())('complainants under SM4 (national algorithms) on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<ComplaintsDeps>;

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(complaintsSubgraph({ identity: { current: { cipher: 'sm4', key: randomBytes(32) }, old: [] } }), target, [], false);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  it('round-trips: SM4-CBC with an HMAC-SM3 tag at rest, plaintext for the accepting staff', async () => {
    const received = await callSubgraph(subgraph.url, hotline, RECEIVE, { input: input({ complainant: named }) });
    const { id } = received.data.receiveComplaint;
    const [row] = await subgraph.dataSource.query('SELECT * FROM complainant WHERE complaintId = ?', [id]);
    expect(row.sealed).toMatch(/^v1:sm4:[0-9a-f]{16}:/);
    expectNoSecrets(row, 'the SM4 row');
    const viewed = await callSubgraph(subgraph.url, inspector, IDENTITY, { id });
    expect(viewed.data.complainantOf).toEqual({ anonymous: false, name: NAME, phone: PHONE, idNumber: ID_NUMBER, enterpriseCreditCode: CREDIT_CODE });
  });
});
