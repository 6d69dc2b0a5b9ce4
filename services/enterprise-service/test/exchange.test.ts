import { randomInt, randomUUID } from 'node:crypto';
import { Role, type Caller } from '@bizenv/common/auth';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '@bizenv/common/credit-code';
import { readSheet, SpreadsheetFormat, writeSheet, type SheetColumn } from '@bizenv/common/spreadsheet';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph } from '@bizenv/common/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseServiceDeps } from '../src/context.js';
import { CreditCodeConfirmation } from '../src/enterprise/credit-code-confirmation.entity.js';
import { Enterprise } from '../src/enterprise/enterprise.entity.js';
import { ENTERPRISE_COLUMNS } from '../src/exchange/enterprise-sheet.js';
import { PROJECT_COLUMNS } from '../src/exchange/project-sheet.js';
import { ProjectStageChange } from '../src/project/project-stage-change.entity.js';
import { Project } from '../src/project/project.entity.js';
import { enterpriseServiceSubgraph } from '../src/subgraph.js';

const cityAmbassador: Caller = { id: 'amb-city', name: '市服务大使', roles: [Role.SERVICE_AMBASSADOR], regionCode: '990100' };
const linjiangAmbassador: Caller = { id: 'amb-linjiang', name: '临江区服务大使', roles: [Role.SERVICE_AMBASSADOR], regionCode: '990102' };
const linjiangLeader: Caller = { id: 'leader-linjiang', name: '临江区领导', roles: [Role.LEADER], regionCode: '990102' };
const screen: Caller = { id: 'screen-1', name: '大屏', roles: [Role.SCREEN], regionCode: '990100' };

function newCreditCode(district: string): string {
  const body = Array.from({ length: 7 }, () => CREDIT_CODE_CHARSET[randomInt(CREDIT_CODE_CHARSET.length)]).join('');
  return `91${district}MA${body}` + creditCodeCheckChar(`91${district}MA${body}`);
}
const failingCheck = (code: string) => code.slice(0, 17) + CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(code[17]) + 1) % 31];

/** A file as people fill it in: headers as in the template (or an alias), cells as text. */
async function xlsx(headers: string[], rows: string[][]): Promise<string> {
  const columns: SheetColumn[] = headers.map((header, i) => ({ key: `c${i}`, header }));
  const data = await writeSheet(SpreadsheetFormat.XLSX, '导入', columns, rows.map((cells) => Object.fromEntries(cells.map((cell, i) => [`c${i}`, cell]))));
  return data.toString('base64');
}

const IMPORT_ENTERPRISES = `mutation($file: String!, $mode: ImportMode) { importEnterprises(file: $file, mode: $mode) {
  committed rows imported failed ids errors { row column code message }
} }`;
const IMPORT_PROJECTS = `mutation($file: String!, $mode: ImportMode) { importProjects(file: $file, mode: $mode) {
  committed rows imported failed ids errors { row column code message }
} }`;
const EXPORT_ENTERPRISES = `query($filter: EnterpriseFilter) { exportEnterprises(filter: $filter) { fileName contentType contentBase64 rowCount } }`;
const EXPORT_PROJECTS = `query($filter: ProjectFilter) { exportProjects(filter: $filter) { fileName contentBase64 rowCount } }`;

describe.each(await databaseTargets())('enterprise and project import and export on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<EnterpriseServiceDeps>;

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(enterpriseServiceSubgraph(), target, [], false);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  const call = (caller: Caller, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  const ok = async (caller: Caller, query: string, variables: Record<string, unknown>) => {
    const result = await call(caller, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return Object.values(result.data)[0] as any;
  };
  const enterprises = () => subgraph.dataSource.getRepository(Enterprise);

  /** Good rows 2 and 6; every other row has one problem the same checks as registerEnterprise find. */
  async function enterpriseFile() {
    const registered = newCreditCode('990102');
    await enterprises().insert({ id: randomUUID(), creditCode: registered, name: '已登记的企业有限公司', regionCode: '990102001', isKey: false });
    const good = newCreditCode('990102');
    const pilot = failingCheck(newCreditCode('990102'));
    const file = await xlsx(
      ['统一社会信用代码', '企业名称', '行政区划代码', '行业门类', '企业规模', '重点企业', '营商环境监测点', '小升规培育库', '校验位确认理由'],
      [
        [good, '江湾市临江甲有限公司', '990102001', 'C 制造业', '小型', '是', '否', '是', ''],
        [good.slice(0, 17), '江湾市临江乙有限公司', '990102001', '', '', '', '', '', ''],
        [failingCheck(newCreditCode('990102')), '江湾市临江丙有限公司', '990102001', '', '', '', '', '', ''],
        [` ${good.toLowerCase()} `, '江湾市临江丁有限公司', '990102002', '', '', '', '', '', ''],
        [pilot, '江湾市临江戊有限公司', '990102003', '信息传输、软件和信息技术服务业', '微型企业', '否', '是', '', '已核对营业执照原件'],
        [registered, '江湾市临江己有限公司', '990102001', '', '', '', '', '', ''],
        [newCreditCode('990103'), '江湾市城南庚有限公司', '990103001', '', '', '', '', '', ''],
        [newCreditCode('990102'), '江湾市临江辛有限公司', '990102001', '', '', '也许', '', '', ''],
        [newCreditCode('990102'), '江湾市临江壬有限公司', '990102001', 'Z', '', '', '', '', ''],
        [newCreditCode('990102'), '', '990102001', '', '巨型', '', '', '', ''],
      ],
    );
    return { file, good, pilot };
  }

  const EXPECTED_ERRORS = [
    { row: 3, column: '统一社会信用代码', code: 'INVALID_CREDIT_CODE' },
    { row: 4, column: '统一社会信用代码', code: 'INVALID_CREDIT_CODE' },
    { row: 5, column: '统一社会信用代码', code: 'CONFLICT' },
    { row: 7, column: '统一社会信用代码', code: 'CONFLICT' },
    { row: 8, column: '所在地区划代码', code: 'FORBIDDEN' },
    { row: 9, column: '重点企业', code: 'BAD_USER_INPUT' },
    { row: 10, column: '行业门类', code: 'BAD_USER_INPUT' },
    { row: 11, column: '企业规模', code: 'BAD_USER_INPUT' },
  ];

  it('reports every bad row (shape, unconfirmed check character, duplicates, scope, cells) and stores nothing when all or nothing', async () => {
    const { file, good, pilot } = await enterpriseFile();
    const before = await enterprises().count();
    const report = await ok(linjiangAmbassador, IMPORT_ENTERPRISES, { file });
    expect(report).toMatchObject({ committed: false, rows: 10, imported: 0, failed: 8, ids: [] });
    expect(report.errors.map(({ row, column, code }: any) => ({ row, column, code }))).toEqual(EXPECTED_ERRORS);
    expect(report.errors[1].message).toContain('校验位');
    expect(report.errors[2].message).toContain('第2行');
    expect(await enterprises().count()).toBe(before);
    expect(await enterprises().countBy([{ creditCode: good }, { creditCode: pilot }])).toBe(0);
  });

  it('stores the good rows only when asked, the confirmed pilot code with its confirmation, the bad ones never', async () => {
    const { file, good, pilot } = await enterpriseFile();
    const before = await enterprises().count();
    const report = await ok(linjiangAmbassador, IMPORT_ENTERPRISES, { file, mode: 'GOOD_ROWS' });
    expect(report).toMatchObject({ committed: true, rows: 10, imported: 2, failed: 8 });
    expect(report.errors.map(({ row, column, code }: any) => ({ row, column, code }))).toEqual(EXPECTED_ERRORS);
    expect(await enterprises().count()).toBe(before + 2);
    const [first, second] = await Promise.all(report.ids.map((id: string) => enterprises().findOneByOrFail({ id })));
    expect(first).toMatchObject({ creditCode: good, regionCode: '990102001', industry: 'C', scale: 'SMALL', isKey: true, isMonitoringPoint: false, inIncubationPool: true });
    expect(second).toMatchObject({ creditCode: pilot, regionCode: '990102003', industry: 'I', scale: 'MICRO', isKey: false, isMonitoringPoint: true });
    expect(await subgraph.dataSource.getRepository(CreditCodeConfirmation).findBy({ enterpriseId: second.id })).toEqual([
      expect.objectContaining({ creditCode: pilot, reason: '已核对营业执照原件', confirmedById: linjiangAmbassador.id }),
    ]);
  });

  it('exports the caller’s enterprises in the import template; the file reads back as the rows and imports again as duplicates only', async () => {
    const { file } = await enterpriseFile();
    await ok(cityAmbassador, IMPORT_ENTERPRISES, { file, mode: 'GOOD_ROWS' });
    await enterprises().insert({ id: randomUUID(), creditCode: newCreditCode('990104'), name: '江湾市新湖企业有限公司', regionCode: '990104001', isKey: true });
    const exported = await ok(linjiangAmbassador, EXPORT_ENTERPRISES, { filter: null });
    expect(exported.fileName).toMatch(/^企业名录-\d{8}-\d{4}\.xlsx$/);
    expect(exported.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = await readSheet(Buffer.from(exported.contentBase64, 'base64'), SpreadsheetFormat.XLSX, ENTERPRISE_COLUMNS, 10_000);
    const expected = (await enterprises().find()).filter((e) => e.regionCode.startsWith('990102')).sort((a, b) => (a.creditCode < b.creditCode ? -1 : 1));
    expect(exported.rowCount).toBe(expected.length);
    expect(rows.map((r) => [r.values.creditCode, r.values.name, r.values.regionCode, r.values.isKey])).toEqual(expected.map((e) => [e.creditCode, e.name, e.regionCode, e.isKey ? '是' : '否']));
    const confirmed = rows.filter((r) => r.values.confirmReason);
    expect(confirmed.length).toBeGreaterThan(0);
    expect(confirmed.every((r) => r.values.confirmReason === '已核对营业执照原件')).toBe(true);
    const again = await ok(cityAmbassador, IMPORT_ENTERPRISES, { file: exported.contentBase64, mode: 'GOOD_ROWS' });
    expect(again).toMatchObject({ committed: false, imported: 0, failed: expected.length });
    expect(new Set(again.errors.map((e: { code: string }) => e.code))).toEqual(new Set(['CONFLICT']));
  });

  it('imports projects naming their enterprise by credit code, each with its first history entry; reports unknown enterprises and bad cells', async () => {
    const code = newCreditCode('990102');
    const enterpriseId = randomUUID();
    await enterprises().insert({ id: enterpriseId, creditCode: code, name: '江湾市临江项目企业有限公司', regionCode: '990102004', isKey: true });
    const file = await xlsx(
      ['项目名称', '所在地区划代码', '企业统一社会信用代码', '项目阶段', '投资额(万元)', '重点项目'],
      [
        ['智能制造产业园一期项目', '990102004', code.toLowerCase(), '项目洽谈', '12500.5', '是'],
        ['研发中心项目', '990102004', '', '', '', ''],
        ['冷链物流项目', '990102004', newCreditCode('990102'), '', '', ''],
        ['技改项目', '990102004', '', '试生产', '', ''],
        ['扩产项目', '990102004', '', '', '1.00001', ''],
        ['城南项目', '990103001', '', '', '', ''],
      ],
    );
    const report = await ok(linjiangAmbassador, IMPORT_PROJECTS, { file, mode: 'GOOD_ROWS' });
    expect(report).toMatchObject({ committed: true, rows: 6, imported: 2, failed: 4 });
    expect(report.errors.map(({ row, column, code }: any) => ({ row, column, code }))).toEqual([
      { row: 4, column: '企业统一社会信用代码', code: 'BAD_USER_INPUT' },
      { row: 5, column: '项目阶段', code: 'BAD_USER_INPUT' },
      { row: 6, column: '投资额（万元）', code: 'BAD_USER_INPUT' },
      { row: 7, column: '所在地区划代码', code: 'FORBIDDEN' },
    ]);
    const [park, lab] = await Promise.all(report.ids.map((id: string) => subgraph.dataSource.getRepository(Project).findOneByOrFail({ id })));
    expect(park).toMatchObject({ name: '智能制造产业园一期项目', enterpriseId, stage: 'NEGOTIATION', investmentYuan: 125_005_000, isKey: true });
    expect(lab).toMatchObject({ name: '研发中心项目', enterpriseId: null, stage: 'RESERVE', investmentYuan: null, isKey: false });
    expect(await subgraph.dataSource.getRepository(ProjectStageChange).findBy({ projectId: park.id })).toEqual([
      expect.objectContaining({ fromStage: null, toStage: 'NEGOTIATION', actorId: linjiangAmbassador.id }),
    ]);

    const exported = await ok(linjiangLeader, EXPORT_PROJECTS, { filter: { enterpriseId } });
    const rows = await readSheet(Buffer.from(exported.contentBase64, 'base64'), SpreadsheetFormat.XLSX, PROJECT_COLUMNS, 100);
    expect(rows.map((r) => r.values)).toEqual([
      { name: '智能制造产业园一期项目', regionCode: '990102004', enterpriseCreditCode: code, stage: '项目洽谈', investment: '12500.5', isKey: '是' },
    ]);
  });

  it('keeps import and export to the caller’s scope and permissions', async () => {
    const file = await xlsx(['统一社会信用代码', '企业名称', '所在地区划代码'], [[newCreditCode('990102'), '江湾市临江测试有限公司', '990102001']]);
    expect((await call(linjiangLeader, IMPORT_ENTERPRISES, { file })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await call(linjiangLeader, EXPORT_ENTERPRISES, { filter: { regionCode: '990103' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await call(screen, EXPORT_PROJECTS, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const missing = await call(cityAmbassador, IMPORT_ENTERPRISES, { file: await xlsx(['企业名称', '所在地区划代码'], [['x', '990102001']]) });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file', column: '统一社会信用代码' });
    expect((await call(cityAmbassador, IMPORT_ENTERPRISES, { file: 'not base64!' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
  });
});
