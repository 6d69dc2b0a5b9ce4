import { readFileSync } from 'node:fs';
import { readSheet, SpreadsheetFormat, writeSheet } from '@bizenv/common/spreadsheet';
import { stableId } from '@bizenv/common/stable-id';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, IMPORT_COLUMNS } from '@bizenv/complaints/exchange/complaint-sheet';
import { MAX_IMPORT_BYTES } from '@bizenv/complaints/exchange/complaint-exchange.service';
import { startTestSystem, type TestSystem } from './support/system.js';

const IMPORT = `mutation($file: String!, $format: SpreadsheetFormat!, $mode: ImportMode) {
  importComplaints(file: $file, format: $format, mode: $mode) { committed rows imported skipped failed errors { row column code } } }`;
const sample = (name: string) => readFileSync(new URL(`../services/complaints/test/fixtures/${name}`, import.meta.url)).toString('base64');

describe('complaint statistics, import and export through the gateway', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({ name: 'embedded', dispose: async () => {} });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('imports the sample 12345 export once, whichever format, and exports a unit handler only its own unit', async () => {
    const hotline = await system.login('hotline');
    const csv = await system.query(IMPORT, { file: sample('12345-export-sample.csv'), format: 'CSV' }, hotline);
    expect(csv.data.importComplaints).toMatchObject({ committed: true, rows: 5, imported: 5, failed: 0 });
    const xlsx = await system.query(IMPORT, { file: sample('12345-export-sample.xlsx'), format: 'XLSX', mode: 'GOOD_ROWS' }, hotline);
    expect(xlsx.data.importComplaints).toMatchObject({ committed: false, imported: 0, skipped: 5 });

    const handler = await system.login('handler');
    const exported = await system.query('{ exportComplaints { contentBase64 rowCount } }', {}, handler);
    const rows = await readSheet(Buffer.from(exported.data.exportComplaints.contentBase64, 'base64'), SpreadsheetFormat.XLSX, EXPORT_COLUMNS, 10_000);
    expect(rows.length).toBe(exported.data.exportComplaints.rowCount);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.values.unitId))).toEqual(new Set([stableId('990102-market')]));
  });

  it('takes a file up to the documented size within the 1 MiB request limit, and refuses beyond it', async () => {
    const hotline = await system.login('hotline');
    // Rows that all fail (an unknown region), so nothing is stored however large the file.
    const fill = '营商环境'.repeat(40);
    const rowsOf = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        externalId: `SIZE-${i}`, receivedAt: '2026-11-02 09:00', channel: '12345', category: '其他', title: '体积测试', content: fill, regionCode: '999999001', subjectUnitId: '',
        complainantName: '', complainantPhone: '', complainantIdNumber: '', enterpriseCreditCode: '', anonymous: '',
      }));
    let count = 1000;
    let file = await writeSheet(SpreadsheetFormat.CSV, 'x', IMPORT_COLUMNS, rowsOf(count));
    count = Math.floor((count * (MAX_IMPORT_BYTES - 2048)) / file.length);
    file = await writeSheet(SpreadsheetFormat.CSV, 'x', IMPORT_COLUMNS, rowsOf(count));
    expect(file.length).toBeLessThanOrEqual(MAX_IMPORT_BYTES);
    expect(file.length).toBeGreaterThan(MAX_IMPORT_BYTES - 8192);
    const largest = await system.query(IMPORT, { file: file.toString('base64'), format: 'CSV', mode: 'ALL_OR_NOTHING' }, hotline);
    expect(largest.status).toBe(200);
    expect(largest.data.importComplaints).toMatchObject({ committed: false, rows: count, failed: count });

    const over = await writeSheet(SpreadsheetFormat.CSV, 'x', IMPORT_COLUMNS, rowsOf(count + 60));
    const tooLarge = await system.query(IMPORT, { file: over.toString('base64'), format: 'CSV' }, hotline);
    expect([tooLarge.status, tooLarge.errors?.[0].extensions?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('ranks units for a statistics-only caller with their names, and gives each unit its statistics', async () => {
    const security = await system.login('security');
    const created = await system.query(
      'mutation { createApiKey(input: { name: "指挥大屏统计", regionCode: "990100", scopes: [STATS_READ] }) { key } }', {}, security,
    );
    const key = { 'x-api-key': created.data.createApiKey.key };
    const ranking = await system.query('{ unitComplaintRanking(regionCode: "990100", first: 100) { rank unit { id name } handled overdue smoothedOverdueRate } }', {}, key);
    expect(ranking.errors).toBeUndefined();
    const rows = ranking.data.unitComplaintRanking;
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(row.unit.name).toMatch(/\S/);
    const ranked = rows.filter((r: any) => r.rank !== null);
    expect(ranked.map((r: any) => r.rank)).toEqual(ranked.map((_: unknown, i: number) => i + 1));

    const leader = await system.login('city.leader');
    const units = await system.query('{ units(filter: { regionCode: "990100" }, first: 100) { edges { node { id complaintStats { total overdue } } } } }', {}, leader);
    expect(units.errors).toBeUndefined();
    const stats = new Map(units.data.units.edges.map((e: any) => [e.node.id, e.node.complaintStats]));
    for (const row of rows) expect(stats.get(row.unit.id), row.unit.name).toMatchObject({ total: row.handled });
  });
});
