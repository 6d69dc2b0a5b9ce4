import { readFileSync } from 'node:fs';
import { Role, type Caller } from '@bizenv/common/auth';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { formatShanghaiTime, readSheet, SpreadsheetFormat, writeSheet, type CellValue } from '@bizenv/common/spreadsheet';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { allPages, callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph, TEST_IDENTITY_KEYS } from '@bizenv/common/testing';
import { In } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel, ComplaintCategory, ComplaintTimelineAction } from '../src/complaint/complaint-enums.js';
import { ComplaintTimelineEntry } from '../src/complaint/complaint-timeline-entry.entity.js';
import { Complaint } from '../src/complaint/complaint.entity.js';
import { EXPORT_COLUMNS, IMPORT_COLUMNS, type ImportKey } from '../src/exchange/complaint-sheet.js';
import { MAX_EXPORT_ROWS } from '../src/exchange/complaint-exchange.service.js';
import { ComplainantRecord } from '../src/identity/complainant-record.entity.js';
import { complaintsSubgraph } from '../src/subgraph.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const UNIT_A = '8a3f1c2e-0000-5000-a000-00000000000a';
const UNIT_B = '8a3f1c2e-0000-5000-a000-00000000000b';
const hotline: Caller = { id: 'op-1', name: '受理员', roles: [Role.HOTLINE_OPERATOR], regionCode: '990100' };
const linjiangHotline: Caller = { id: 'op-2', name: '临江区受理员', roles: [Role.HOTLINE_OPERATOR], regionCode: '990102' };
const leader: Caller = { id: 'leader-1', name: '市领导', roles: [Role.LEADER], regionCode: '990100' };
const chengnanLeader: Caller = { id: 'leader-3', name: '城南区领导', roles: [Role.LEADER], regionCode: '990103' };
const handlerA: Caller = { id: 'h-a', name: '承办人A', roles: [Role.UNIT_HANDLER], regionCode: '990100', unitId: UNIT_A };
const handlerB: Caller = { id: 'h-b', name: '承办人B', roles: [Role.UNIT_HANDLER], regionCode: '990100', unitId: UNIT_B };
/** Every header, alias included, under which a complainant's identity could appear. */
const IDENTITY_HEADERS = IMPORT_COLUMNS.slice(IMPORT_COLUMNS.findIndex((c) => c.key === 'complainantName')).flatMap((c) => [c.header, ...('aliases' in c ? c.aliases : [])]);

const IMPORT = `mutation($file: String!, $format: SpreadsheetFormat!, $mode: ImportMode) {
  importComplaints(file: $file, format: $format, mode: $mode) { committed rows imported skipped failed errors { row column message code } complaintIds } }`;
const EXPORT = `query($filter: ComplaintFilter) { exportComplaints(filter: $filter) { fileName contentType contentBase64 rowCount } }`;
const LIST = `query($filter: ComplaintFilter, $after: String) { complaints(filter: $filter, first: 100, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
const ACT = `mutation($input: ActOnComplaintInput!) { actOnComplaint(input: $input) { version } }`;

type Row = Record<ImportKey, CellValue>;
const row = (externalId: string, values: Partial<Row> = {}): Row => ({
  externalId,
  receivedAt: '2026-11-16 10:20:00',
  channel: '12345政务服务便民热线',
  category: '吃拿卡要',
  title: '窗口人员暗示"打点"',
  content: '办理施工许可时窗口人员暗示需要"打点"才能加快。',
  regionCode: '990102004',
  subjectUnitId: '',
  complainantName: '',
  complainantPhone: '',
  complainantIdNumber: '',
  enterpriseCreditCode: '',
  anonymous: '',
  ...values,
});

describe.each(await databaseTargets())('importing and exporting complaint ledgers on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(complaintsSubgraph({ identity: TEST_IDENTITY_KEYS }), target, [], false);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const call = (caller: Caller, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  const ok = async (caller: Caller, query: string, variables: Record<string, unknown> = {}) => {
    const result = await call(caller, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data;
  };
  const importFile = async (caller: Caller, data: Buffer, format: SpreadsheetFormat, mode?: string) =>
    (await ok(caller, IMPORT, { file: data.toString('base64'), format, mode })).importComplaints;
  const complaints = () => subgraph.dataSource.getRepository(Complaint);
  const exported = async (caller: Caller, filter: Record<string, unknown> | null) => {
    const file = (await ok(caller, EXPORT, { filter })).exportComplaints;
    const data = Buffer.from(file.contentBase64, 'base64');
    return { file, data, rows: await readSheet(data, SpreadsheetFormat.XLSX, EXPORT_COLUMNS, MAX_EXPORT_ROWS) };
  };
  const listed = async (caller: Caller, filter: Record<string, unknown> | null) =>
    (await allPages<{ id: string }>(async (after) => (await ok(caller, LIST, { filter, after })).complaints)).nodes.map((n) => n.id);

  it('imports the sample 12345 export keeping receipt times, channels and 受理编号; the same file again adds nothing', async () => {
    const report = await importFile(hotline, fixture('12345-export-sample.csv'), SpreadsheetFormat.CSV);
    expect(report).toMatchObject({ committed: true, rows: 5, imported: 5, skipped: 0, failed: 0, errors: [] });
    const stored = await complaints().findBy({ id: In(report.complaintIds) });
    const byExternal = new Map(stored.map((c) => [c.externalId, c]));
    expect([...byExternal.keys()].sort()).toEqual(['GD20261102000118', 'GD20261103000342', 'GD20261105000077', 'GD20261110000451', 'GD20261118000013']);
    expect(byExternal.get('GD20261102000118')).toMatchObject({
      channel: Channel.HOTLINE_12345,
      category: ComplaintCategory.BUCK_PASSING,
      regionCode: '990102001',
      receivedAt: new Date('2026-11-02T01:15:00Z'),
      dispatchStatus: DispatchStatus.AWAITING_DISPATCH,
    });
    expect(byExternal.get('GD20261103000342')).toMatchObject({ channel: Channel.HOTLINE_967788, category: ComplaintCategory.BROKEN_PROMISES, receivedAt: new Date('2026-11-03T06:02:11Z') });
    expect(byExternal.get('GD20261110000451')).toMatchObject({ channel: Channel.WECHAT, receivedAt: new Date('2026-11-10T08:45:00Z') });
    // 受理 is recorded at the original receipt time; the identity went to the encrypted store only.
    const receipts = await subgraph.dataSource.getRepository(ComplaintTimelineEntry).findBy({ complaintId: In(report.complaintIds), action: ComplaintTimelineAction.RECEIVE });
    for (const entry of receipts) expect(entry.at).toEqual(stored.find((c) => c.id === entry.complaintId)!.receivedAt);
    const withIdentity = (await subgraph.dataSource.getRepository(ComplainantRecord).findBy({ complaintId: In(report.complaintIds) })).map((r) => r.complaintId);
    expect(withIdentity.sort()).toEqual(['GD20261102000118', 'GD20261103000342', 'GD20261105000077', 'GD20261118000013'].map((e) => byExternal.get(e)!.id).sort());
    for (const c of stored) expect(JSON.stringify(c)).not.toMatch(/张先生|13800138001|91350100M000100Y43/);

    const count = await complaints().count();
    expect(await importFile(hotline, fixture('12345-export-sample.csv'), SpreadsheetFormat.CSV)).toMatchObject({ committed: false, imported: 0, skipped: 5, failed: 0 });
    expect(await importFile(hotline, fixture('12345-export-sample.xlsx'), SpreadsheetFormat.XLSX, 'GOOD_ROWS')).toMatchObject({ committed: false, rows: 5, imported: 0, skipped: 5 });
    expect(await complaints().count()).toBe(count);
  });

  for (const format of [SpreadsheetFormat.CSV, SpreadsheetFormat.XLSX]) {
    it(`reports bad ${format} rows by row, column and message; ALL_OR_NOTHING stores nothing, GOOD_ROWS the good rows`, async () => {
      const id = (n: number) => `${format}-${n}`;
      const rows = [
        row(id(2)),
        row(id(3), { channel: '电话' }),
        row(id(4), { receivedAt: '2026-13-01 10:00' }),
        row(id(5), { receivedAt: '2027-01-01 10:00' }),
        row(id(6), { title: '' }),
        row(id(7), { regionCode: '99010' }),
        row(id(8), { complainantName: '赵先生', complainantPhone: '12345', anonymous: '否' }),
        row(id(2), { title: '同一受理编号' }),
        row(id(10), { regionCode: '990103001' }),
        row(id(11), { receivedAt: new Date('2026-11-20T02:00:00Z'), category: '乱罚款', complainantName: '钱女士', complainantPhone: '13700137000', anonymous: '否' }),
        row(id(12), { channel: '明察暗访', category: '黑中介', regionCode: '990102' }),
      ];
      const data = await writeSheet(format, '工单', IMPORT_COLUMNS, rows);
      const errors = [
        { row: 3, column: '渠道', code: 'BAD_USER_INPUT', message: '无法识别的渠道：电话' },
        { row: 4, column: '受理时间', code: 'BAD_USER_INPUT', message: expect.stringContaining('受理时间格式') },
        { row: 5, column: '受理时间', code: 'BAD_USER_INPUT', message: expect.stringContaining('不能晚于当前时间') },
        { row: 6, column: '标题', code: 'BAD_USER_INPUT', message: '标题不能为空' },
        { row: 7, column: '所属区域代码', code: 'BAD_USER_INPUT', message: expect.stringContaining('行政区划代码') },
        { row: 8, column: '联系电话', code: 'BAD_USER_INPUT', message: expect.stringContaining('联系电话') },
        { row: 9, column: '受理编号', code: 'BAD_USER_INPUT', message: '与第2行的受理编号重复' },
        { row: 10, column: '所属区域代码', code: 'FORBIDDEN', message: expect.any(String) },
      ];
      const before = await complaints().count();
      const refused = await importFile(linjiangHotline, data, format, 'ALL_OR_NOTHING');
      expect(refused).toEqual({ committed: false, rows: 11, imported: 0, skipped: 0, failed: 8, errors, complaintIds: [] });
      expect(await complaints().count()).toBe(before);

      const partial = await importFile(linjiangHotline, data, format, 'GOOD_ROWS');
      expect(partial).toMatchObject({ committed: true, rows: 11, imported: 3, skipped: 0, failed: 8, errors });
      const stored = await complaints().findBy({ id: In(partial.complaintIds) });
      expect(stored.map((c) => c.externalId).sort()).toEqual([id(2), id(11), id(12)].sort());
      expect(stored.find((c) => c.externalId === id(11))).toMatchObject({ receivedAt: new Date('2026-11-20T02:00:00Z'), category: ComplaintCategory.ARBITRARY_CHARGES });
      expect(stored.find((c) => c.externalId === id(12))).toMatchObject({ channel: Channel.UNDERCOVER_INSPECTION, regionCode: '990102' });
      expect(await complaints().count()).toBe(before + 3);

      expect(await importFile(linjiangHotline, data, format, 'GOOD_ROWS')).toMatchObject({ committed: false, imported: 0, skipped: 3, failed: 8 });
      expect(await complaints().count()).toBe(before + 3);
    });
  }

  it('never confirms a 受理编号 outside the caller’s region: such a row is an opaque conflict, not “already imported”', async () => {
    const chengnanHotline: Caller = { id: 'op-3', name: '城南区受理员', roles: [Role.HOTLINE_OPERATOR], regionCode: '990103' };
    const sheet = (rows: Row[]) => writeSheet(SpreadsheetFormat.XLSX, '工单', IMPORT_COLUMNS, rows);
    expect(await importFile(hotline, await sheet([row('SCOPE-1')]), SpreadsheetFormat.XLSX)).toMatchObject({ imported: 1 });
    const data = await sheet([row('SCOPE-1', { regionCode: '990103001' }), row('SCOPE-2', { regionCode: '990103001' })]);
    const conflict = [{ row: 2, column: '受理编号', code: 'CONFLICT', message: '该受理编号不能在本账号的范围内登记，请核对受理编号和所属区域' }];
    const before = await complaints().count();
    expect(await importFile(chengnanHotline, data, SpreadsheetFormat.XLSX)).toEqual({ committed: false, rows: 2, imported: 0, skipped: 0, failed: 1, errors: conflict, complaintIds: [] });
    expect(await complaints().count()).toBe(before);
    expect(await importFile(chengnanHotline, data, SpreadsheetFormat.XLSX, 'GOOD_ROWS')).toMatchObject({ committed: true, imported: 1, skipped: 0, failed: 1, errors: conflict });
    // What the caller may see is skipped as ever: its own earlier import, and for the city both.
    expect(await importFile(chengnanHotline, data, SpreadsheetFormat.XLSX, 'GOOD_ROWS')).toMatchObject({ committed: false, imported: 0, skipped: 1, failed: 1, errors: conflict });
    expect(await importFile(hotline, data, SpreadsheetFormat.XLSX)).toMatchObject({ committed: false, imported: 0, skipped: 2, failed: 0 });
    expect(await complaints().count()).toBe(before + 1);
  });

  it('imports and exports 被投诉单位编号, checked as receiveComplaint checks subjectUnitId', async () => {
    const rows = [row('SUBJECT-1', { regionCode: '990105002', subjectUnitId: UNIT_A }), row('SUBJECT-2', { regionCode: '990105002' }), row('SUBJECT-3', { regionCode: '990105002', subjectUnitId: '市场监管局' })];
    const data = await writeSheet(SpreadsheetFormat.XLSX, '工单', IMPORT_COLUMNS, rows);
    const before = await complaints().count();
    const error = { row: 4, column: '被投诉单位编号', code: 'BAD_USER_INPUT', message: '被投诉单位编号格式不正确' };
    expect(await importFile(hotline, data, SpreadsheetFormat.XLSX)).toMatchObject({ committed: false, imported: 0, failed: 1, errors: [error] });
    expect(await complaints().count()).toBe(before);

    const report = await importFile(hotline, data, SpreadsheetFormat.XLSX, 'GOOD_ROWS');
    expect(report).toMatchObject({ committed: true, imported: 2, failed: 1, errors: [error] });
    const stored = await complaints().findBy({ id: In(report.complaintIds) });
    expect(stored.map((c) => [c.externalId, c.subjectUnitId]).sort()).toEqual([['SUBJECT-1', UNIT_A], ['SUBJECT-2', null]]);
    const subjectUnit = `query($id: ID!) { complaint(id: $id) { subjectUnit { id } } }`;
    expect((await ok(hotline, subjectUnit, { id: report.complaintIds[0] })).complaint.subjectUnit).toEqual({ id: UNIT_A });

    const back = (await exported(hotline, { regionCode: '990105' })).rows.map((r) => [r.values.externalId, r.values.subjectUnitId]);
    expect(back.sort()).toEqual([['SUBJECT-1', UNIT_A], ['SUBJECT-2', '']]);
  });

  it('refuses callers without intake and files it cannot read', async () => {
    const csv = (text: string) => Buffer.from(text).toString('base64');
    const cases: [Caller, Record<string, unknown>, Record<string, unknown>, string?][] = [
      [leader, { file: csv('受理编号\n1\n'), format: 'CSV' }, { code: 'FORBIDDEN' }],
      [hotline, { file: '不是base64', format: 'CSV' }, { code: 'BAD_USER_INPUT', field: 'file' }],
      [hotline, { file: csv('受理编号,受理时间,渠道,类别,内容,所属区域代码\n1,2026-11-01,12345,其他,x,990102001\n'), format: 'CSV' }, { code: 'BAD_USER_INPUT', field: 'file', column: '标题' }, '标题'],
      [hotline, { file: csv('受理编号,受理时间\n'), format: 'XLSX' }, { code: 'BAD_USER_INPUT', field: 'file' }, 'XLSX'],
    ];
    for (const [caller, variables, extensions, message] of cases) {
      const result = await call(caller, IMPORT, variables);
      expect(result.errors?.[0].extensions, JSON.stringify(result)).toMatchObject(extensions);
      if (message) expect(result.errors?.[0].message).toContain(message);
    }
  });

  it('exports the filtered list to XLSX, in its order and scope, without any complainant column', async () => {
    const filter = { regionCode: '990102' };
    const { file, data, rows } = await exported(hotline, filter);
    const ids = await listed(hotline, filter);
    expect(ids.length).toBeGreaterThan(5);
    expect(file).toMatchObject({ rowCount: ids.length, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(file.fileName).toMatch(/^投诉台账-\d{8}-\d{4}\.xlsx$/);
    expect(rows.map((r) => r.values.id)).toEqual(ids);
    const stored = new Map((await complaints().findBy({ id: In(ids) })).map((c) => [c.id, c]));
    for (const { values } of rows) {
      const c = stored.get(values.id)!;
      expect(values).toMatchObject({ externalId: c.externalId ?? c.id, receivedAt: formatShanghaiTime(c.receivedAt), title: c.title, content: c.content, regionCode: c.regionCode });
    }
    expect(rows.find((r) => r.values.externalId === 'GD20261102000118')!.values).toMatchObject({ channel: '12345政务服务便民热线', category: '推诿扯皮', dispatchStatus: '待转办', overdue: '是' });
    // No complainant column under any name, and none of the imported identities anywhere.
    for (const header of IDENTITY_HEADERS) {
      await expect(readSheet(data, SpreadsheetFormat.XLSX, [{ key: 'x', header, required: true }], MAX_EXPORT_ROWS)).rejects.toThrow(header);
    }
    expect(JSON.stringify(rows)).not.toMatch(/张先生|李经理|13800138001|0759-2345678|91350100M000100Y43/);

    // An export reads back as an import file: everything in it is known already.
    const again = await importFile(hotline, data, SpreadsheetFormat.XLSX, 'GOOD_ROWS');
    expect(again.imported).toBe(0);
    expect(again.skipped).toBe(rows.filter((r) => stored.get(r.values.id)!.externalId).length);

    const refused = await call(chengnanLeader, EXPORT, { filter });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('exports for a unit operator only what the unit leads or co-handles', async () => {
    const [first, second] = await complaints().find({ where: { regionCode: '990102004' }, order: { externalId: 'ASC' } });
    await ok(hotline, ACT, { input: { id: first.id, action: 'DISPATCH', expectedVersion: first.version, unitId: UNIT_A } });
    await ok(hotline, ACT, { input: { id: second.id, action: 'DISPATCH', expectedVersion: second.version, unitId: UNIT_B, coUnitIds: [UNIT_A] } });
    const ofA = (await exported(handlerA, null)).rows.map((r) => r.values.id);
    expect(ofA.sort()).toEqual([first.id, second.id].sort());
    expect(ofA.sort()).toEqual((await listed(handlerA, null)).sort());
    expect((await exported(handlerB, null)).rows.map((r) => r.values)).toEqual([expect.objectContaining({ id: second.id, unitId: UNIT_B, dispatchStatus: '已转办待签收' })]);
    expect((await exported(hotline, { dispatchStatus: 'DISPATCHED' })).rows.map((r) => r.values.id).sort()).toEqual([first.id, second.id].sort());
  });

  it(`refuses an export beyond ${MAX_EXPORT_ROWS} rows and names the limit`, async () => {
    const template = (await complaints().findOneByOrFail({ externalId: 'GD20261118000013' }))!;
    const many = Array.from({ length: MAX_EXPORT_ROWS + 1 }, (_, i) => ({ ...template, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, externalId: null, regionCode: '990104001' }));
    for (let i = 0; i < many.length; i += 500) await complaints().insert(many.slice(i, i + 500));
    const result = await call(hotline, EXPORT, { filter: { regionCode: '990104' } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter', max: MAX_EXPORT_ROWS });
    expect(result.errors?.[0].message).toContain('10000');
    expect((await exported(hotline, { regionCode: '990104', dispatchStatus: 'CLOSED' })).file.rowCount).toBe(0);
  }, 60_000);
});
