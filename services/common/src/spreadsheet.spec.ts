import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { decodeBase64Upload, formatShanghaiTime, parseShanghaiTime, readSheet, SpreadsheetFormat, writeSheet, type SheetColumn } from './spreadsheet.js';

const COLUMNS: SheetColumn<'no' | 'time' | 'title'>[] = [
  { key: 'no', header: '受理编号', required: true, aliases: ['工单编号'] },
  { key: 'time', header: '受理时间', required: true },
  { key: 'title', header: '标题' },
];

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).extensions;
};

describe('spreadsheet reading and writing', () => {
  it('reads CSV cells as text in any column order, by header or alias, skipping blank rows', async () => {
    const csv = '\uFEFF标题,其他,工单编号,受理时间\r\n"窗口推诿, 多次往返",x,0012,2026-03-02 09:15\r\n,,,\r\n乱收费,y,0013,2026/3/3\r\n';
    const rows = await readSheet(Buffer.from(csv, 'utf8'), SpreadsheetFormat.CSV, COLUMNS, 10);
    expect(rows).toEqual([
      { row: 2, values: { no: '0012', time: '2026-03-02 09:15', title: '窗口推诿, 多次往返' } },
      { row: 4, values: { no: '0013', time: '2026/3/3', title: '乱收费' } },
    ]);
  });

  it('reads GBK-encoded CSV as Excel saves it on a Chinese system', async () => {
    // "受理编号,受理时间\r\n1,2026-03-02\r\n" in GBK.
    const gbk = Buffer.from('cadcc0edb1e0bac52ccadcc0edcab1bce40d0a312c323032362d30332d30320d0a', 'hex');
    expect(await readSheet(gbk, SpreadsheetFormat.CSV, COLUMNS, 10)).toEqual([{ row: 2, values: { no: '1', time: '2026-03-02', title: '' } }]);
  });

  it('refuses a missing required column, too many rows and unreadable files', async () => {
    expect(await refusal(readSheet(Buffer.from('受理编号,标题\n1,a\n'), SpreadsheetFormat.CSV, COLUMNS, 10))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file', column: '受理时间' });
    const many = '受理编号,受理时间\n' + '1,2026-01-01\n'.repeat(3);
    expect(await refusal(readSheet(Buffer.from(many), SpreadsheetFormat.CSV, COLUMNS, 2))).toMatchObject({ field: 'file', maxRows: 2 });
    expect(await refusal(readSheet(Buffer.from('not a zip'), SpreadsheetFormat.XLSX, COLUMNS, 2))).toMatchObject({ field: 'file' });
  });

  it('writes XLSX that reads back the same, times as Shanghai wall time in date cells', async () => {
    const at = new Date('2026-03-02T01:15:00Z'); // 09:15 in Shanghai
    const data = await writeSheet(SpreadsheetFormat.XLSX, '台账', COLUMNS, [{ no: '0012', time: at, title: '=1+1 不是公式' }]);
    expect(await readSheet(data, SpreadsheetFormat.XLSX, COLUMNS, 10)).toEqual([{ row: 2, values: { no: '0012', time: '2026-03-02 09:15:00', title: '=1+1 不是公式' } }]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    const cell = workbook.worksheets[0].getCell('B2');
    expect(cell.value).toBeInstanceOf(Date);
    expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(workbook.worksheets[0].getCell('C2').type).toBe(ExcelJS.ValueType.String);
  });

  it('writes CSV with a BOM and neutralises formula-like text', async () => {
    const data = await writeSheet(SpreadsheetFormat.CSV, 'x', COLUMNS, [{ no: '1', time: new Date('2026-03-02T01:15:00Z'), title: '=HYPERLINK("x")' }]);
    expect(data.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const rows = await readSheet(data, SpreadsheetFormat.CSV, COLUMNS, 10);
    expect(rows[0].values).toEqual({ no: '1', time: '2026-03-02 09:15:00', title: `'=HYPERLINK("x")` });
  });

  it('parses the time formats of sheets as Shanghai time and rejects impossible dates', () => {
    const expected = new Date('2026-03-02T01:15:00Z');
    for (const text of ['2026-03-02 09:15', '2026-03-02 09:15:00', '2026/3/2 9:15', '2026年3月2日 9时15分', '2026年3月2日 09:15', '2026-03-02T09:15:00', '2026-03-02T09:15:00+08:00', '2026-03-02T01:15:00Z']) {
      expect(parseShanghaiTime(text), text).toEqual(expected);
    }
    expect(parseShanghaiTime('2026-03-02')).toEqual(new Date('2026-03-01T16:00:00Z'));
    for (const text of ['2026-02-30 10:00', '2026-03-02 24:00', '昨天', '', '2026-03-02 9点']) expect(parseShanghaiTime(text), text).toBeNull();
    expect(formatShanghaiTime(expected)).toBe('2026-03-02 09:15:00');
  });

  it('decodes base64 uploads, refusing bad encoding and oversize files', () => {
    expect(decodeBase64Upload(Buffer.from('你好').toString('base64'), 100).toString()).toBe('你好');
    expect(() => decodeBase64Upload('***', 100)).toThrow(/base64/);
    expect(() => decodeBase64Upload(Buffer.alloc(2048).toString('base64'), 1024)).toThrow(/KiB/);
  });
});
