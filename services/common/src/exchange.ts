import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DomainError, ErrorCode } from './errors.js';

/**
 * What every subgraph's table import and export report with: one shape for integrators, and
 * one definition so that the composed schema has one `ImportRowError` and one `ExportedFile`.
 */
export enum ImportMode {
  ALL_OR_NOTHING = 'ALL_OR_NOTHING',
  GOOD_ROWS = 'GOOD_ROWS',
}

registerEnumType(ImportMode, {
  name: 'ImportMode',
  description: '有错误行时的处理方式',
  valuesConfig: {
    ALL_OR_NOTHING: { description: '全部正确才导入：任何一行有错，一行也不导入' },
    GOOD_ROWS: { description: '只导入正确的行，错误行在报告中列出' },
  },
});

@ObjectType({ description: '导入错误：一行中的一个问题' })
@Directive('@shareable')
export class ImportRowError {
  @Field(() => Int, { description: '行号（表头为第1行）' })
  row!: number;

  @Field(() => String, { nullable: true, description: '列名（表头中的名称）；整行的问题为 null' })
  column!: string | null;

  @Field(() => String)
  message!: string;

  @Field(() => String, { description: '错误代码：BAD_USER_INPUT、INVALID_CREDIT_CODE、FORBIDDEN、CONFLICT 等' })
  code!: string;
}

@ObjectType({ description: '导出的表格文件' })
@Directive('@shareable')
export class ExportedFile {
  @Field(() => String, { description: '文件名，如 企业名录-20260302-0915.xlsx' })
  fileName!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => String, { description: '文件内容，base64 编码' })
  contentBase64!: string;

  @Field(() => Int, { description: '数据行数' })
  rowCount!: number;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A cell that cannot be read as its column's value (e.g. "也许" in a 是/否 column). */
export class CellError extends Error {
  constructor(
    readonly column: string,
    message: string,
    readonly code: string = ErrorCode.BadUserInput,
  ) {
    super(message);
  }
}

/**
 * The report line for a row that failed: a `CellError` names its column; a `DomainError` from
 * the same checks a single write makes names its input field, mapped to the column header by
 * `columnOf` (a refused region is the region column's problem). Anything else is a real failure.
 */
export function importRowError(row: number, error: unknown, columnOf: Readonly<Record<string, string>>, regionColumn: string): ImportRowError {
  if (error instanceof CellError) return { row, column: error.column, message: error.message, code: error.code };
  if (error instanceof DomainError) {
    const { code, field } = error.extensions as { code: string; field?: string };
    const column = code === ErrorCode.Forbidden ? regionColumn : (columnOf[field ?? ''] ?? null);
    return { row, column, message: error.message, code };
  }
  throw error;
}

/** A 是/否 cell: 是, 否, Y, N, 1, 0, true, false; empty is 否. */
export function yesNo(text: string, column: string): boolean {
  const value = text.trim().toLowerCase();
  if (['是', 'y', 'yes', '1', 'true', '√'].includes(value)) return true;
  if (['否', 'n', 'no', '0', 'false', ''].includes(value)) return false;
  throw new CellError(column, `“${column}”应填“是”或“否”`);
}

/** "20260302-0915" for file names, from a Shanghai wall time "2026-03-02 09:15:…". */
export function fileStamp(shanghaiTime: string): string {
  return shanghaiTime.slice(0, 16).replace(/[-:]/g, '').replace(' ', '-');
}
