import { formatShanghaiTime, SpreadsheetFormat } from './spreadsheet.js';

const CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
  [SpreadsheetFormat.XLSX]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  [SpreadsheetFormat.CSV]: 'text/csv; charset=utf-8',
};

/** An exported sheet as a GraphQL answer carries it: named `<name>-YYYYMMDD-HHmm.<ext>` (Asia/Shanghai). */
export function sheetFile(name: string, format: SpreadsheetFormat, data: Buffer, rowCount: number, at: Date) {
  const stamp = formatShanghaiTime(at).slice(0, 16).replace(/[-:]/g, '').replace(' ', '-');
  return { fileName: `${name}-${stamp}.${format.toLowerCase()}`, contentType: CONTENT_TYPES[format], contentBase64: data.toString('base64'), rowCount };
}
