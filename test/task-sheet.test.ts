import { Role, type Caller } from '@bizenv/common/auth';
import { DEMO_UNITS } from '@bizenv/common/demo-city';
import { OutboxEvent } from '@bizenv/common/outbox-event.entity';
import { readSheet, SpreadsheetFormat, writeSheet, type CellValue } from '@bizenv/common/spreadsheet';
import { stableId } from '@bizenv/common/stable-id';
import { callSubgraph, type DatabaseTarget, databaseTargets } from '@bizenv/common/testing';
import { SupervisedTaskUnit } from '@bizenv/tasks/task/task-unit.entity';
import { SupervisedTask } from '@bizenv/tasks/task/task.entity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support/system.js';

/** A supervisor of 临江区 only (no demo account has this role in a district): signed as the gateway would. */
const linjiangSupervisor: Caller = { id: 'sup-linjiang', name: '临江区督查员', roles: [Role.SUPERVISOR], regionCode: '990102' };
/** What a client passes to the export: the demo city's units by name, as `units` lists them. */
const UNITS = DEMO_UNITS.map((u) => ({ name: u.name, id: stableId(u.key) }));
const nameOf = (key: string) => DEMO_UNITS.find((u) => u.key === key)!.name;
/** Two units of this name, in two districts (made by the test): which one a row means depends on its region. */
const NAMESAKE = '综合行政执法局';

/** A task list as a city office would type it (任务名称, not 重点任务: another header the import knows). */
const HEADERS = ['序号', '任务名称', '专项行动', '牵头单位', '责任单位', '完成时限', '区域代码', '基数', '目标值', '计量单位', '目标方向', '目标表述'] as const;
type Row = Partial<Record<(typeof HEADERS)[number], CellValue>>;
const sheet = async (rows: Row[]) =>
  (await writeSheet(SpreadsheetFormat.XLSX, '任务清单', HEADERS.map((h) => ({ key: h, header: h })), rows.map((row) => Object.fromEntries(HEADERS.map((h) => [h, row[h] ?? null])) as Record<string, CellValue>))).toString('base64');

const GOOD: Row[] = [
  // Spaces and full-width letters in a name are ignored.
  { 序号: 1, 任务名称: '压缩企业开办注销时间', 牵头单位: '市 市场监督管理局', 责任单位: `${nameOf('city-public-security')}、${nameOf('city-tax')}`, 完成时限: '2027年9月底前', 目标值: 3, 计量单位: '工作日', 目标方向: '压缩', 目标表述: '3个工作日内完成开办' },
  { 序号: 2, 任务名称: '简化企业报税程序', 专项行动: '1', 牵头单位: nameOf('city-tax'), 完成时限: '2027年底前', 基数: 56, 目标值: 70, 计量单位: '%', 目标方向: '提升', 目标表述: '网上办税比例由56%提升到70%以上' },
  { 序号: 5, 任务名称: '推进政务信息资源整合共享', 牵头单位: `${nameOf('city-gov-data')}；${nameOf('city-drc')}`, 完成时限: '2027年第二季度末', 区域代码: '990102' },
  { 序号: 8, 任务名称: '方便物流车辆通行', 牵头单位: nameOf('city-public-security'), 完成时限: '2027-05-20' },
];
const BAD: Row[] = [
  // The plan's older names, not the demo city's.
  { 序号: 3, 任务名称: '方便企业获得水电暖气', 牵头单位: '市住房城乡建设局', 责任单位: `${nameOf('city-power')}、市水务集团`, 完成时限: '2027年底前' },
  { 序号: 4, 任务名称: '压缩不动产登记办理时限', 牵头单位: nameOf('city-land'), 完成时限: '年内完成' },
  { 序号: 2, 任务名称: '减轻企业税费负担', 牵头单位: nameOf('city-finance'), 完成时限: '2027年9月底前' },
  { 序号: 6, 任务名称: '外市任务', 牵头单位: nameOf('city-finance'), 完成时限: '2027年底前', 区域代码: '990201' },
  { 序号: 7, 任务名称: '业务系统上云', 牵头单位: nameOf('city-gov-data'), 完成时限: '2027年底前', 目标值: 95, 计量单位: '%' },
  // A city task: both namesakes lie in districts, so the name does not say which.
  { 序号: 9, 任务名称: '规范行政执法', 牵头单位: NAMESAKE, 完成时限: '2027年底前' },
];

const IMPORT = `mutation($campaignId: ID!, $file: String!) {
  importCampaignTasks(campaignId: $campaignId, file: $file) { committed rows imported failed taskIds errors { row column message code } }
}`;
const EXPORT = `query($filter: SupervisedTaskFilter, $units: [UnitNameInput!]) { exportSupervisedTasks(filter: $filter, units: $units) { fileName contentType contentBase64 rowCount } }`;
const CAMPAIGN = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`;
const ACTION = `mutation($input: CreateSpecialActionInput!) { createSpecialAction(input: $input) { id } }`;
const UNIT = `mutation($input: CreateUnitInput!) { createUnit(input: $input) { id } }`;

/**
 * The task list's import and export through the gateway: unit names are resolved by the tasks
 * subgraph asking organization (a signed peer call), not taken from the client.
 */
describe.each(await databaseTargets())('task list import and export on $name', ({ create }) => {
  let target: DatabaseTarget;
  let system: TestSystem;
  let supervisor: string;
  const namesakes: Record<string, string> = {};

  beforeAll(async () => {
    target = create();
    system = await startTestSystem(target);
    supervisor = await system.login('supervisor');
    const admin = await system.login('admin');
    for (const regionCode of ['990102', '990103']) {
      const made = await system.query(UNIT, { input: { name: NAMESAKE, kind: 'DISTRICT_DEPARTMENT', regionCode } }, admin);
      expect(made.errors).toBeUndefined();
      namesakes[regionCode] = made.data.createUnit.id;
    }
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await target?.dispose();
  });

  const tasksSubgraph = () => system.subgraphs.find((s) => s.name === 'tasks')!;
  const call = (query: string, variables: Record<string, unknown>, auth: string = supervisor) => system.query(query, variables, auth);
  const newCampaign = async (title: string) => {
    const made = await call(CAMPAIGN, {
      input: { regionCode: '990100', title, issuingBody: '江湾市人民政府办公室', year: 2027, startsOn: '2027-01-01', endsOn: '2027-12-31', phases: [{ name: '全年', startsOn: '2027-01-01', endsOn: '2027-12-31' }] },
    });
    const id = made.data.createCampaign.id as string;
    expect((await call(ACTION, { input: { campaignId: id, number: 1, title: '提升政务服务专项行动' } })).errors).toBeUndefined();
    return id;
  };
  /** A campaign's tasks as comparable plain data: number, title, deadline, rule, units, target. */
  const tasksOf = async (campaignId: string) => {
    const { dataSource } = tasksSubgraph();
    const units = await dataSource.getRepository(SupervisedTaskUnit).find({ order: { position: 'ASC' } });
    const tasks = await dataSource.getRepository(SupervisedTask).find({ where: { campaignId }, order: { number: 'ASC' } });
    return tasks.map((t) => ({
      number: t.number,
      title: t.title,
      regionCode: t.regionCode,
      deadline: t.deadline.toISOString(),
      rule: t.deadlineRule,
      inAction: t.specialActionId !== null,
      lead: units.filter((u) => u.taskId === t.id && u.role === 'LEAD').map((u) => u.unitId),
      co: units.filter((u) => u.taskId === t.id && u.role === 'CO').map((u) => u.unitId),
      target: [t.targetBaseline, t.targetValue, t.targetUnit, t.targetDirection, t.targetText],
    }));
  };

  it('reports every bad row, cell by cell (unknown and ambiguous unit names too), and stores nothing when any row is bad', async () => {
    const campaignId = await newCampaign('江湾市优化营商环境工作方案');
    const outbox = await tasksSubgraph().dataSource.getRepository(OutboxEvent).count();
    const result = await call(IMPORT, { campaignId, file: await sheet([...GOOD.slice(0, 2), ...BAD, ...GOOD.slice(2)]) });
    expect(result.errors).toBeUndefined();
    const report = result.data.importCampaignTasks;
    expect(report).toMatchObject({ committed: false, rows: 10, imported: 0, failed: 6, taskIds: [] });
    // The header is row 1; the bad rows are 4 to 9.
    expect(report.errors).toEqual([
      { row: 4, column: '牵头单位', message: '未找到单位“市住房城乡建设局”', code: 'BAD_USER_INPUT' },
      { row: 4, column: '责任单位', message: '未找到单位“市水务集团”', code: 'BAD_USER_INPUT' },
      { row: 5, column: '完成时限', message: expect.stringContaining('无法识别完成时限“年内完成”'), code: 'BAD_USER_INPUT' },
      { row: 6, column: '序号', message: '与第3行的序号重复', code: 'BAD_USER_INPUT' },
      { row: 7, column: '区域代码', message: expect.any(String), code: 'FORBIDDEN' },
      { row: 8, column: '目标方向', message: '目标方向应为“提升”或“压缩”', code: 'BAD_USER_INPUT' },
      { row: 9, column: '牵头单位', message: expect.stringContaining(`有2个单位名为“${NAMESAKE}”`), code: 'BAD_USER_INPUT' },
    ]);
    expect(await tasksSubgraph().dataSource.getRepository(SupervisedTask).countBy({ campaignId })).toBe(0);
    expect(await tasksSubgraph().dataSource.getRepository(OutboxEvent).count()).toBe(outbox);
  });

  it('imports a good list whole, exports it with its lights, and the export imports again as the same tasks', async () => {
    const campaignId = await newCampaign('江湾市重点任务清单');
    // A district's task: of the namesakes, the district's own unit.
    const rows = [...GOOD, { 序号: 9, 任务名称: '规范行政执法', 牵头单位: NAMESAKE, 完成时限: '2027年11月底前', 区域代码: '990103001' }];
    const imported = (await call(IMPORT, { campaignId, file: await sheet(rows) })).data.importCampaignTasks;
    expect(imported).toMatchObject({ committed: true, rows: 5, imported: 5, failed: 0, errors: [] });
    const tasks = await tasksOf(campaignId);
    expect(tasks).toEqual([
      {
        number: 1, title: '压缩企业开办注销时间', regionCode: '990100', deadline: '2027-09-30T15:59:59.999Z', rule: 'END_OF_MONTH', inAction: false,
        lead: [stableId('city-market')], co: [stableId('city-public-security'), stableId('city-tax')], target: [null, 3, '工作日', 'DOWN', '3个工作日内完成开办'],
      },
      {
        number: 2, title: '简化企业报税程序', regionCode: '990100', deadline: '2027-12-31T15:59:59.999Z', rule: 'END_OF_YEAR', inAction: true,
        lead: [stableId('city-tax')], co: [], target: [56, 70, '%', 'UP', '网上办税比例由56%提升到70%以上'],
      },
      {
        number: 5, title: '推进政务信息资源整合共享', regionCode: '990102', deadline: '2027-06-30T15:59:59.999Z', rule: 'END_OF_QUARTER', inAction: false,
        lead: [stableId('city-gov-data'), stableId('city-drc')], co: [], target: [null, null, null, null, null],
      },
      {
        number: 8, title: '方便物流车辆通行', regionCode: '990100', deadline: '2027-05-20T15:59:59.999Z', rule: 'DATE', inAction: false,
        lead: [stableId('city-public-security')], co: [], target: [null, null, null, null, null],
      },
      {
        number: 9, title: '规范行政执法', regionCode: '990103001', deadline: '2027-11-30T15:59:59.999Z', rule: 'END_OF_MONTH', inAction: false,
        lead: [namesakes['990103']], co: [], target: [null, null, null, null, null],
      },
    ]);
    // Importing the same list again: every number is taken.
    const again = (await call(IMPORT, { campaignId, file: await sheet(GOOD) })).data.importCampaignTasks;
    expect(again).toMatchObject({ committed: false, failed: 4 });
    expect(again.errors.every((e: { code: string; column: string }) => e.code === 'CONFLICT' && e.column === '序号')).toBe(true);

    const exported = (await call(EXPORT, { filter: { campaignId }, units: [...UNITS, { name: NAMESAKE, id: namesakes['990103'] }] })).data.exportSupervisedTasks;
    expect(exported).toMatchObject({ rowCount: 5, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: expect.stringMatching(/^重点任务-\d{8}-\d{4}\.xlsx$/) });
    const columns = ['序号', '重点任务', '专项行动', '牵头单位', '责任单位', '完成时限', '亮灯', '状态', '落后于目标进度'].map((h) => ({ key: h, header: h, required: true }));
    const sheetRows = await readSheet(Buffer.from(exported.contentBase64, 'base64'), SpreadsheetFormat.XLSX, columns, 100);
    // Soonest deadline first, units by name, deadlines as the plan words them, every light green.
    expect(sheetRows.map((r) => [r.values['序号'], r.values['牵头单位'], r.values['责任单位'], r.values['完成时限'], r.values['专项行动'], r.values['亮灯'], r.values['落后于目标进度']])).toEqual([
      ['8', nameOf('city-public-security'), '', '2027年5月20日前', '', '绿灯', ''],
      ['5', `${nameOf('city-gov-data')}、${nameOf('city-drc')}`, '', '2027年第二季度末前', '', '绿灯', ''],
      ['1', nameOf('city-market'), `${nameOf('city-public-security')}、${nameOf('city-tax')}`, '2027年9月底前', '', '绿灯', '否'],
      ['9', NAMESAKE, '', '2027年11月底前', '', '绿灯', ''],
      ['2', nameOf('city-tax'), '', '2027年底前', '提升政务服务专项行动', '绿灯', '否'],
    ]);

    const copy = await newCampaign('江湾市重点任务清单（副本）');
    const reimported = (await call(IMPORT, { campaignId: copy, file: exported.contentBase64 })).data.importCampaignTasks;
    expect(reimported).toMatchObject({ committed: true, imported: 5, errors: [] });
    expect(await tasksOf(copy)).toEqual(tasks);
  });

  it('exports only what the caller may see, and lets only a supervisor of the campaign’s region import', async () => {
    const campaignId = await newCampaign('江湾市任务清单（权限）');
    expect((await call(IMPORT, { campaignId, file: await sheet(GOOD) })).data.importCampaignTasks.committed).toBe(true);
    const taxHandler = await system.login('handler.tax');
    expect((await call(IMPORT, { campaignId, file: await sheet(GOOD.slice(0, 1)) }, taxHandler)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const district = await callSubgraph(tasksSubgraph().url, linjiangSupervisor, IMPORT, { campaignId, file: await sheet(GOOD.slice(0, 1)) }, system.config.internalSecret);
    expect(district.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // The tax bureau's operator: its own tasks only (it leads one and shares another).
    const own = (await call(EXPORT, { filter: { campaignId }, units: UNITS }, taxHandler)).data.exportSupervisedTasks;
    const rows = await readSheet(Buffer.from(own.contentBase64, 'base64'), SpreadsheetFormat.XLSX, [{ key: 'n', header: '序号', required: true }], 100);
    expect(rows.map((r) => r.values.n).sort()).toEqual(['1', '2']);
    // Units the client did not name are written by id.
    const bare = (await call(EXPORT, { filter: { campaignId }, units: [] })).data.exportSupervisedTasks;
    const lead = await readSheet(Buffer.from(bare.contentBase64, 'base64'), SpreadsheetFormat.XLSX, [{ key: 'lead', header: '牵头单位', required: true }], 100);
    expect(lead.map((r) => r.values.lead)).toContain(stableId('city-public-security'));
    expect((await call(IMPORT, { campaignId, file: 'not base64!' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    // The client's map is gone from the import: a client cannot say which unit a name means.
    const forged = await call(`mutation($c: ID!, $f: String!) { importCampaignTasks(campaignId: $c, file: $f, units: [{ name: "市水务集团", id: "${stableId('city-tax')}" }]) { committed } }`, { c: campaignId, f: await sheet(GOOD) });
    expect(forged.errors?.[0].message).toContain('Unknown argument "units"');
  });
});
