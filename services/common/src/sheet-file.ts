import { fileStamp, XLSX_CONTENT_TYPE } from './exchange.js';
import { formatShanghaiTime, SpreadsheetFormat } from './spreadsheet.js';

const CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
  [SpreadsheetFormat.XLSX]: XLSX_CONTENT_TYPE,
  [SpreadsheetFormat.CSV]: 'text/csv; charset=utf-8',
};

/** An exported sheet as a GraphQL answer carries it: named `<name>-YYYYMMDD-HHmm.<ext>` (Asia/Shanghai). */
export function sheetFile(name: string, format: SpreadsheetFormat, data: Buffer, rowCount: number, at: Date) {
  return { fileName: `${name}-${fileStamp(formatShanghaiTime(at))}.${format.toLowerCase()}`, contentType: CONTENT_TYPES[format], contentBase64: data.toString('base64'), rowCount };
}
