/**
 * Whistleblower protection end to end through the gateway, with the demo accounts: the
 * complainant's identity reaches the accepting staff and discipline inspectors only (each view
 * audited) and never the handling unit, a leader, a screen or an API key — not through the item,
 * the list, an entity reference or a subscription; a transferred clue leaves everyone's view but
 * the inspectors'; an enterprise that complained is protected, as the enterprise side sees it.
 */
import { readFileSync } from 'node:fs';
import { stableId } from '@bizenv/common/stable-id';
import { callSubgraph, databaseTargets, type DatabaseTarget } from '@bizenv/common/testing';
import { SCREEN_DOCUMENTS_FILE, type ScreenDocumentsManifest } from '@bizenv/gateway/limits/screen-allow-list';
import { demoApiKey } from '@bizenv/organization/api-key/demo-api-key';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from './support/system.js';

const SCREEN_DOCUMENTS = (JSON.parse(readFileSync(SCREEN_DOCUMENTS_FILE, 'utf8')) as ScreenDocumentsManifest).documents;
const MARKET_UNIT = stableId('990102-market');
const NAME = '周明远';
const PHONE = '13611112222';
const ID_NUMBER = '11010519491231002X';
const SECRETS = [NAME, PHONE, ID_NUMBER];

const RECEIVE = 'mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id version } }';
const ACT = 'mutation($input: ActOnComplaintInput!) { actOnComplaint(input: $input) { id version } }';
const IDENTITY = 'query($id: ID!) { complainantOf(complaintId: $id) { anonymous name phone idNumber enterpriseCreditCode } }';
const LIST_FIELDS = 'id channel category title content receivedAt dispatchStatus version overdue unit { id name } region { code name } clueTransfer { status reason }';
const FIELDS = `${LIST_FIELDS} timeline { action actorName reason reply satisfaction at unit { name } }`;
/** What the complaints subgraph itself answers (Unit and Region names come from organization). */
const SUBGRAPH_FIELDS = 'id channel category title content receivedAt dispatchStatus version overdue unit { id } region { code } clueTransfer { status reason } timeline { action actorName reason reply satisfaction at }';
const COMPLAINT = `query($id: ID!) { complaint(id: $id) { ${FIELDS} } }`;
// Without timelines: a hundred of them would exceed the gateway's cost limit.
const LIST = `query { complaints(filter: { regionCode: "990102" }, first: 100) { totalCount edges { node { ${LIST_FIELDS} } } } }`;
const FEED = 'subscription($regionCode: ID!) { dispatchEvents(regionCode: $regionCode) { version reset events { kind itemKind itemId title regionCode } } }';
const STATS = '{ region(code: "990102") { complaintStats { total } } }';

function expectNoSecrets(value: unknown, label: string, secrets = SECRETS) {
  const text = JSON.stringify(value);
  for (const secret of secrets) expect(text, `${label} carries ${secret}`).not.toContain(secret);
}

describe.each(await databaseTargets())('whistleblower protection through the gateway on $name', ({ create }) => {
  let target: DatabaseTarget;
  let system: TestSystem;
  const tokens: Record<string, string> = {};
  let apiKey: Record<string, string>;

  beforeAll(async () => {
    target = create();
    system = await startTestSystem(target);
    for (const username of ['hotline', 'inspector', 'handler', 'handler.tax', 'city.leader', 'linjiang.leader', 'admin', 'supervisor', 'ambassador', 'screen']) {
      tokens[username] = await system.login(username);
    }
    apiKey = { 'x-api-key': demoApiKey(system.config.authSecret) };
  });

  afterAll(async () => {
    await system?.stop();
    await target?.dispose();
  });

  const complaintsDb = () => system.subgraphs.find((s) => s.name === 'complaints')!.dataSource;
  const auditOf = (id: string): Promise<Record<string, any>[]> => complaintsDb().query('SELECT actorId, action, result FROM audit_log WHERE targetId = ? ORDER BY seq', [id]);

  async function receive(complainant: Record<string, unknown>, title = '窗口人员索要购物卡') {
    const input = { channel: 'HOTLINE_12345', category: 'ASKING_FAVOURS', title, content: '办理许可时被暗示送礼。', regionCode: '990102001', complainant };
    const result = await system.query(RECEIVE, { input }, tokens.hotline);
    expect(result.errors).toBeUndefined();
    return result.data.receiveComplaint.id as string;
  }

  async function act(token: string, input: Record<string, unknown>) {
    const result = await system.query(ACT, { input }, token);
    expect(result.errors, JSON.stringify(input)).toBeUndefined();
    return result.data.actOnComplaint;
  }

  function watch(auth: string | Record<string, unknown>, query: string, variables: Record<string, unknown>) {
    const client = system.subscribe(auth);
    const frames: any[] = [];
    const stop = client.subscribe({ query, variables }, { next: (frame) => frames.push(frame), error: (error) => frames.push({ error }), complete: () => {} });
    return { frames, close: async () => (stop(), await client.dispose()) };
  }

  const feedEvents = (frames: any[]) => frames.flatMap((frame) => frame.data?.dispatchEvents.events ?? []);

  it('shows the identity to the hotline operator and the discipline inspector only, each attempt audited', async () => {
    const id = await receive({ name: NAME, phone: PHONE, idNumber: ID_NUMBER });
    for (const viewer of ['hotline', 'inspector']) {
      const result = await system.query(IDENTITY, { id }, tokens[viewer]);
      expect(result.data.complainantOf, viewer).toEqual({ anonymous: false, name: NAME, phone: PHONE, idNumber: ID_NUMBER, enterpriseCreditCode: null });
    }
    const refused = ['handler', 'city.leader', 'linjiang.leader', 'admin', 'supervisor', 'ambassador', 'screen'];
    for (const username of refused) {
      const result = await system.query(IDENTITY, { id }, tokens[username]);
      expect(result.data?.complainantOf ?? null, username).toBeNull();
      expect(result.errors?.[0].extensions.code, username).toBe('FORBIDDEN');
      expectNoSecrets(result, username);
    }
    const byKey = await system.query(IDENTITY, { id }, apiKey);
    expect(byKey.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expectNoSecrets(byKey, 'the API key');
    // The screen is stopped at the gateway (its allow-list) before reaching the subgraph.
    const rows = await auditOf(id);
    expect(rows.map((row) => row.result)).toEqual(['ALLOWED', 'ALLOWED', ...refused.slice(0, -1).map(() => 'DENIED'), 'DENIED']);
    expect(rows.at(-1)!.actorId).toBe(`apikey:${stableId('api-key:12345')}`);
  });

  it('never carries it to the handling unit, a leader, a screen or an API key: item, list, entity, subscriptions', async () => {
    const feeds = [
      watch(tokens.handler, FEED, { regionCode: '990102' }),
      watch(tokens['city.leader'], FEED, { regionCode: '990100' }),
      watch(tokens.screen, SCREEN_DOCUMENTS.ScreenDispatchFeed, { regionCode: '990100' }),
      watch(tokens.screen, SCREEN_DOCUMENTS.ScreenRegion, { code: '990102' }),
      watch(apiKey, FEED, { regionCode: '990100' }),
    ];
    try {
      await eventually(() => feeds.every((feed) => feed.frames.length > 0));
      const id = await receive({ name: NAME, phone: PHONE, idNumber: ID_NUMBER }, '执法人员收受礼品');
      await act(tokens.hotline, { id, action: 'DISPATCH', unitId: MARKET_UNIT, expectedVersion: 1 });
      await act(tokens.handler, { id, action: 'ACCEPT', expectedVersion: 2 });
      await act(tokens.handler, { id, action: 'REPLY', reply: '已核实处理', expectedVersion: 3 });
      for (const feed of [0, 1, 2, 4].map((i) => feeds[i])) {
        await eventually(() => feedEvents(feed.frames).some((e: any) => e.itemId === id && e.kind === 'REPLIED'));
      }
      await eventually(() => feeds[3].frames.length > 1);
      for (const feed of feeds) expectNoSecrets(feed.frames, 'a subscription frame');

      for (const auth of [tokens.handler, tokens['city.leader'], tokens['linjiang.leader'], apiKey]) {
        const item = await system.query(COMPLAINT, { id }, auth);
        expect(item.data.complaint.id).toBe(id);
        expectNoSecrets(item, 'complaint(id)');
        const list = await system.query(LIST, {}, auth);
        expect(list.data.complaints.edges.map((edge: any) => edge.node.id)).toContain(id);
        expectNoSecrets(list, 'complaints');
      }
      // Entity references: the gateway offers no `_entities`; the subgraph answers it (with the
      // gateway's signature) exactly like the item.
      expect((await system.query(`{ _entities(representations: [{ __typename: "Complaint", id: "${id}" }]) { __typename } }`, {}, tokens.handler)).errors?.[0].extensions.code).toBe(
        'GRAPHQL_VALIDATION_FAILED',
      );
      const complaints = system.subgraphs.find((s) => s.name === 'complaints')!;
      const handler = { id: 'handler', name: '承办人', roles: ['UNIT_HANDLER'], regionCode: '990102', unitId: MARKET_UNIT } as any;
      const entity = await callSubgraph(complaints.url, handler, `query($id: ID!) { _entities(representations: [{ __typename: "Complaint", id: $id }]) { ... on Complaint { ${SUBGRAPH_FIELDS} } } }`, { id }, system.config.internalSecret);
      expect(entity.data._entities[0].id).toBe(id);
      expectNoSecrets(entity, '_entities');
    } finally {
      for (const feed of feeds) await feed.close();
    }
  });

  it('hides a transferred clue from everyone but discipline inspectors; counts keep it; the feed forgets its title', async () => {
    const title = '审批科长索要好处费';
    const id = await receive({ anonymous: true, phone: PHONE }, title);
    await act(tokens.hotline, { id, action: 'DISPATCH', unitId: MARKET_UNIT, expectedVersion: 1 });
    const before = (await system.query(STATS, {}, tokens['city.leader'])).data.region.complaintStats.total;
    const proposed = await system.query('mutation($id: ID!) { proposeClueTransfer(complaintId: $id, reason: "涉嫌索贿，移交纪委监委") { id } }', { id }, tokens.hotline);
    const approved = await system.query('mutation($id: ID!) { approveClueTransfer(id: $id) { status approverName } }', { id: proposed.data.proposeClueTransfer.id }, tokens.inspector);
    expect(approved.data.approveClueTransfer).toEqual({ status: 'TRANSFERRED', approverName: '市纪委监委监督检查员' });

    for (const username of ['handler', 'city.leader', 'hotline', 'admin']) {
      expect((await system.query(COMPLAINT, { id }, tokens[username])).errors?.[0].extensions.code, username).toBe('NOT_FOUND');
      const list = await system.query(LIST, {}, tokens[username]);
      expect(list.data.complaints.edges.map((edge: any) => edge.node.id), username).not.toContain(id);
    }
    expect((await system.query(COMPLAINT, { id }, tokens.inspector)).data.complaint).toMatchObject({ dispatchStatus: 'CLOSED', title });
    expect((await system.query(STATS, {}, tokens['city.leader'])).data.region.complaintStats.total).toBe(before);

    const feed = watch(tokens.handler, FEED, { regionCode: '990102' });
    try {
      const snapshot = await eventually(() => feed.frames[0]?.data.dispatchEvents);
      const lines = snapshot.events.filter((e: any) => e.itemId === id);
      // The handling unit's feed holds its own unit's lines only: the dispatch, not the receipt.
      expect(lines.map((e: any) => e.kind)).toEqual(['DISPATCHED']);
      expect(lines.map((e: any) => e.title)).toEqual([null]);
      expectNoSecrets(feed.frames, 'the feed', [title]);
    } finally {
      await feed.close();
    }
  });

  it('marks an enterprise that complained as protected on the enterprise side, until the period passes', async () => {
    // One a unit operator can read (their unit handles a demand of it), so its silence below means something.
    const ENTERPRISES = '{ enterprises(first: 100) { edges { node { id creditCode } } } }';
    const [enterprise] = (await system.query(ENTERPRISES, {}, tokens['handler.tax'])).data.enterprises.edges.map((edge: any) => edge.node);
    expect(enterprise).toBeDefined();
    const other = (await system.query(ENTERPRISES, {}, tokens.ambassador)).data.enterprises.edges.map((edge: any) => edge.node).find((e: any) => e.id !== enterprise.id);
    await receive({ name: '企业经办人', phone: '13500001111', enterpriseCreditCode: enterprise.creditCode.toLowerCase() }, '检查人员吃拿卡要');
    const PROTECTION = 'query($id: ID!) { enterprise(id: $id) { creditCode protection { protectedUntil reason } } }';
    const seen = await system.query(PROTECTION, { id: enterprise.id }, tokens.ambassador);
    expect(seen.errors).toBeUndefined();
    expect(new Date(seen.data.enterprise.protection.protectedUntil).getTime()).toBeGreaterThan(Date.now() + 364 * 86_400_000);
    expect(seen.data.enterprise.protection.reason).toMatch(/保护期/);
    expect((await system.query(PROTECTION, { id: other.id }, tokens.ambassador)).data.enterprise.protection).toBeNull();
    const listed = await system.query('{ enterprises(first: 100) { totalCount edges { node { id protection { protectedUntil } } } } }', {}, tokens['city.leader']);
    expect(listed.data.enterprises.totalCount).toBeLessThanOrEqual(100);
    expect(listed.data.enterprises.edges.filter((edge: any) => edge.node.protection).map((edge: any) => edge.node.id)).toEqual([enterprise.id]);
    // The unit complained about never learns it.
    const byHandler = await system.query(PROTECTION, { id: enterprise.id }, tokens['handler.tax']);
    expect(byHandler.data.enterprise).toEqual({ creditCode: enterprise.creditCode, protection: null });

    expect((await system.query('mutation { advanceClock(seconds: 31622400) { now } }', {}, tokens.admin)).errors).toBeUndefined();
    await eventually(async () => (await system.query(PROTECTION, { id: enterprise.id }, tokens.ambassador)).data.enterprise.protection === null);
  });
});
