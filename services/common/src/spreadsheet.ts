/**
 * Reading and writing the tables people exchange with other platforms: XLSX, and CSV as Excel
 * and the 12345 platforms save it (UTF-8 with or without BOM, or GB18030/GBK). Cells are read as
 * text, exactly as shown (a code keeps its leading zeros); times are Asia/Shanghai wall times.
 */
import { Readable, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { registerEnumType } from 'type-graphql';
import { DomainError, ErrorCode } from './errors.js';
import { SHANGHAI_OFFSET_MS } from './working-days.js';

export enum SpreadsheetFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}

registerEnumType(SpreadsheetFormat, {
  name: 'SpreadsheetFormat',
  description: '表格文件格式',
  valuesConfig: { CSV: { description: 'CSV（UTF-8 或 GBK/GB18030 编码，首行为列名）' }, XLSX: { description: 'Excel 工作簿（读取第一个工作表，首行为列名）' } },
});

/** One column of a table: the key code uses, the header people see, and other headers accepted on reading. */
export interface SheetColumn<K extends string = string> {
  key: K;
  header: string;
  /** Reading: the file must have this column. */
  required?: boolean;
  /** Reading: other names the same column goes by in exports of other platforms. */
  aliases?: readonly string[];
  /** Writing (XLSX): width in characters. */
  width?: number;
}

/** A data row as read: its row number in the file (the header is row 1) and its cells by key, trimmed ('' when empty). */
export interface SheetRow<K extends string = string> {
  row: number;
  values: Record<K, string>;
}

export type CellValue = string | number | Date | null;

const invalidFile = (message: string, details: Record<string, unknown> = {}) => new DomainError(ErrorCode.BadUserInput, message, { field: 'file', ...details });

/**
 * An upload sent as base64 in a GraphQL variable. The gateway reads request bodies up to 1 MiB,
 * so a file can be about 750 KiB; `maxBytes` refuses anything larger with a clear message.
 */
export function decodeBase64Upload(base64: string, maxBytes: number, field = 'file'): Buffer {
  const text = base64.replace(/\s+/g, '').replace(/^data:[^,]*;base64,/, '');
  if (!text || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
    throw new DomainError(ErrorCode.BadUserInput, '文件内容应为 base64 编码', { field });
  }
  const data = Buffer.from(text, 'base64');
  if (data.length > maxBytes) {
    throw new DomainError(ErrorCode.BadUserInput, `文件超过 ${Math.floor(maxBytes / 1024)} KiB，请拆分后分批导入`, { field, maxBytes });
  }
  return data;
}

/**
 * The first sheet's data rows with their cells by column key. Headers are matched by name (or
 * alias) in any order; other columns are ignored; blank rows are skipped. Refused with
 * BAD_USER_INPUT (field `file`): unreadable content, a required column missing, more than
 * `maxRows` data rows.
 */
export async function readSheet<K extends string>(data: Buffer, format: SpreadsheetFormat, columns: readonly SheetColumn<K>[], maxRows: number): Promise<SheetRow<K>[]> {
  const grid = format === SpreadsheetFormat.CSV ? await csvGrid(data) : await xlsxGrid(data);
  const headerIndex = grid.findIndex((cells) => cells.some((cell) => cell !== ''));
  if (headerIndex < 0) throw invalidFile('文件中没有数据');
  const header = grid[headerIndex];
  const positions = new Map<K, number>();
  for (const column of columns) {
    const names = [column.header, ...(column.aliases ?? [])];
    const position = header.findIndex((cell) => names.includes(cell));
    if (position >= 0) positions.set(column.key, position);
    else if (column.required) throw invalidFile(`缺少"${column.header}"列`, { column: column.header });
  }
  const rows: SheetRow<K>[] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const cells = grid[i];
    if (cells.every((cell) => cell === '')) continue;
    if (rows.length === maxRows) throw invalidFile(`数据超过 ${maxRows} 行，请拆分后分批导入`, { maxRows });
    const values = {} as Record<K, string>;
    for (const column of columns) values[column.key] = cells[positions.get(column.key) ?? -1] ?? '';
    rows.push({ row: i + 1, values });
  }
  return rows;
}

/**
 * One sheet with a header row. XLSX: dates as date cells showing the Asia/Shanghai time; CSV:
 * UTF-8 with BOM (Excel then shows Chinese correctly), text that a spreadsheet would run as a
 * formula prefixed with an apostrophe.
 */
export async function writeSheet<K extends string>(format: SpreadsheetFormat, sheetName: string, columns: readonly SheetColumn<K>[], rows: readonly Record<K, CellValue>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((column) => ({ key: column.key, header: column.header, width: column.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(columns.map((column) => cellOut(row[column.key], format)));
  }
  if (format === SpreadsheetFormat.XLSX) {
    for (const column of sheet.columns) if (column.values?.some((value) => value instanceof Date)) column.numFmt = 'yyyy-mm-dd hh:mm:ss';
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  await workbook.csv.write(sink, { formatterOptions: { writeBOM: true } });
  return Buffer.concat(chunks);
}

/** 'YYYY-MM-DD HH:mm:ss' of an instant in Asia/Shanghai. */
export function formatShanghaiTime(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

const WALL_TIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?)?$/;
const CHINESE_TIME = /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*(\d{1,2})[时:：](\d{1,2})分?(?:(\d{1,2})秒)?)?$/;

/**
 * A time as people write it in a sheet, read as Asia/Shanghai wall time: 2026-03-02 09:15[:00],
 * 2026/3/2 9:15, 2026年3月2日 9时15分, a date alone (midnight); or ISO 8601 with a zone. Null if
 * it is none of these or not a real date.
 */
export function parseShanghaiTime(text: string): Date | null {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  const match = WALL_TIME.exec(value) ?? CHINESE_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return new Date(utc - SHANGHAI_OFFSET_MS);
}

function cellOut(value: CellValue, format: SpreadsheetFormat): CellValue {
  if (value instanceof Date) {
    // XLSX dates carry no zone: write the Shanghai wall time as if it were UTC, as Excel shows it.
    return format === SpreadsheetFormat.XLSX ? new Date(value.getTime() + SHANGHAI_OFFSET_MS) : formatShanghaiTime(value);
  }
  if (format === SpreadsheetFormat.CSV && typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return value;
}

/** A cell as the text it shows. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
    if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value).trim();
}

async function xlsxGrid(data: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw invalidFile('无法读取该 XLSX 文件，请确认是 Excel 工作簿（.xlsx）');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalidFile('工作簿中没有工作表');
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    grid[number - 1] = Array.from(cells, (cell) => cell ?? '');
  });
  return Array.from(grid, (cells) => cells ?? []);
}

/** UTF-8 (BOM or not) when the bytes are valid UTF-8, else GB18030 (a superset of GBK). */
function decodeText(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

async function csvGrid(data: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet;
  try {
    // Every cell as text: no guessing of numbers or dates (codes keep their leading zeros).
    sheet = await workbook.csv.read(Readable.from([decodeText(data)]), { map: (datum: string) => datum } as never);
  } catch {
    throw invalidFile('无法读取该 CSV 文件');
  }
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = (row.values as unknown[]).slice(1);
    grid[number - 1] = values.map((value) => (typeof value === 'string' ? value.trim() : ''));
  });
  return Array.from(grid, (cells) => cells ?? []);
}
