import { Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { normaliseCreditCode } from '@bizenv/common/credit-code';
import type { SortKey } from '@bizenv/common/connection';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { CellError, fileStamp, importRowError, ImportMode, XLSX_CONTENT_TYPE, type ExportedFile, type ImportRowError } from '@bizenv/common/exchange';
import type { Outbox, RecordEvent } from '@bizenv/common/outbox';
import { decodeBase64Upload, formatShanghaiTime, readSheet, writeSheet, SpreadsheetFormat, type CellValue, type SheetColumn } from '@bizenv/common/spreadsheet';
import { In, type DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { EnterpriseFilter } from '../enterprise/enterprise-inputs.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { asConflict, ENTERPRISE_ORDER, prepareEnterprise, storeEnterprise, type EnterpriseService, type PreparedEnterprise } from '../enterprise/enterprise.service.js';
import type { ProjectFilter } from '../project/project-inputs.js';
import { PROJECT_ORDER, storeProject, type PreparedProject, type ProjectService } from '../project/project.service.js';
import { ENTERPRISE_COLUMNS, ENTERPRISE_FIELD_COLUMNS, ENTERPRISE_REGION_COLUMN, enterpriseRow, enterpriseRowToInput } from './enterprise-sheet.js';
import type { RegistryImportReport } from './exchange-types.js';
import { PROJECT_COLUMNS, PROJECT_FIELD_COLUMNS, PROJECT_REGION_COLUMN, projectHeader, projectRow, projectRowToInput } from './project-sheet.js';

/** The gateway reads bodies up to 1 MiB; base64 makes a file 4/3 larger. */
export const MAX_IMPORT_BYTES = 760 * 1024;
export const MAX_IMPORT_ROWS = 2000;
export const MAX_EXPORT_ROWS = 10_000;

/**
 * 企业名录 and 项目清单 in and out as XLSX (or CSV). Each row is checked exactly as the single
 * write checks it (`prepareEnterprise`, `ProjectService.prepare`); a bad row is reported with its
 * row number and column, never stored. ALL_OR_NOTHING stores nothing when any row is bad;
 * GOOD_ROWS stores the good rows. The good rows are written in one transaction.
 */
export class ExchangeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly enterprises: EnterpriseService,
    private readonly projects: ProjectService,
  ) {}

  async importEnterprises(caller: Caller | null, file: string, format: SpreadsheetFormat, mode: ImportMode): Promise<RegistryImportReport> {
    requirePermission(caller, Permission.ENTERPRISE_WRITE);
    const rows = await readSheet(decodeBase64Upload(file, MAX_IMPORT_BYTES), format, ENTERPRISE_COLUMNS, MAX_IMPORT_ROWS);
    const errors: ImportRowError[] = [];
    const good: { row: number; prepared: PreparedEnterprise }[] = [];
    const rowOfCode = new Map<string, number>();
    const codeColumn = ENTERPRISE_FIELD_COLUMNS.creditCode;
    for (const { row, values } of rows) {
      try {
        const prepared = prepareEnterprise(caller, enterpriseRowToInput(values));
        const earlier = rowOfCode.get(prepared.enterprise.creditCode);
        if (earlier !== undefined) throw new CellError(codeColumn, `与第${earlier}行的统一社会信用代码重复`, ErrorCode.Conflict);
        rowOfCode.set(prepared.enterprise.creditCode, row);
        good.push({ row, prepared });
      } catch (error) {
        errors.push(importRowError(row, error, ENTERPRISE_FIELD_COLUMNS, ENTERPRISE_REGION_COLUMN));
      }
    }
    // Already registered: reported like any bad row (the same answer registerEnterprise gives).
    const registered = await this.registeredCodes(good.map(({ prepared }) => prepared.enterprise.creditCode));
    const fresh = good.filter(({ row, prepared }) => {
      if (!registered.has(prepared.enterprise.creditCode)) return true;
      errors.push({ row, column: codeColumn, message: '该统一社会信用代码已登记', code: ErrorCode.Conflict });
      return false;
    });
    return this.commit(rows.length, errors, mode, fresh, (item) => item.prepared.enterprise.id, (manager, record, item) => storeEnterprise(manager, record, item.prepared)).catch(asConflict);
  }

  async importProjects(caller: Caller | null, file: string, format: SpreadsheetFormat, mode: ImportMode): Promise<RegistryImportReport> {
    requirePermission(caller, Permission.ENTERPRISE_WRITE);
    const rows = await readSheet(decodeBase64Upload(file, MAX_IMPORT_BYTES), format, PROJECT_COLUMNS, MAX_IMPORT_ROWS);
    const enterpriseIds = await this.enterpriseIdsByCode(rows.map(({ values }) => values.enterpriseCreditCode).filter(Boolean));
    const errors: ImportRowError[] = [];
    const good: { row: number; prepared: PreparedProject }[] = [];
    for (const { row, values } of rows) {
      try {
        const code = values.enterpriseCreditCode ? normaliseCreditCode(values.enterpriseCreditCode) : null;
        const enterpriseId = code === null ? null : enterpriseIds.get(code);
        if (enterpriseId === undefined) throw new CellError(projectHeader('enterpriseCreditCode'), '未找到该统一社会信用代码的企业，请先登记企业');
        good.push({ row, prepared: await this.projects.prepare(caller, projectRowToInput(values, enterpriseId)) });
      } catch (error) {
        errors.push(importRowError(row, error, PROJECT_FIELD_COLUMNS, PROJECT_REGION_COLUMN));
      }
    }
    return this.commit(rows.length, errors, mode, good, (item) => item.prepared.project.id, (manager, record, item) => storeProject(manager, record, item.prepared));
  }

  /** 导出企业名录: the enterprise list as filtered (same scope and order), with confirmations of failing codes. */
  async exportEnterprises(caller: Caller | null, filter: EnterpriseFilter): Promise<ExportedFile> {
    const enterprises = await exportRows(this.enterprises.listQuery(caller, filter), ENTERPRISE_ORDER);
    const reasons = await this.confirmationReasons(enterprises);
    return exportFile('企业名录', ENTERPRISE_COLUMNS, enterprises.map((e) => enterpriseRow(e, reasons.get(e.id) ?? null)));
  }

  /** 导出项目清单: the project list as filtered (same scope and order). */
  async exportProjects(caller: Caller | null, filter: ProjectFilter): Promise<ExportedFile> {
    const projects = await exportRows(this.projects.listQuery(caller, filter), PROJECT_ORDER);
    const ids = [...new Set(projects.map((p) => p.enterpriseId).filter((id): id is string => id !== null))];
    const codes = new Map((await this.dataSource.getRepository(Enterprise).find({ where: { id: In(ids) }, select: { id: true, creditCode: true } })).map((e) => [e.id, e.creditCode]));
    return exportFile('项目清单', PROJECT_COLUMNS, projects.map((p) => projectRow(p, p.enterpriseId ? (codes.get(p.enterpriseId) ?? null) : null)));
  }

  private async commit<T>(
    rowCount: number,
    errors: ImportRowError[],
    mode: ImportMode,
    good: T[],
    idOf: (item: T) => string,
    store: (manager: EntityManager, record: RecordEvent, item: T) => Promise<void>,
  ): Promise<RegistryImportReport> {
    errors.sort((a, b) => a.row - b.row);
    const report = { rows: rowCount, failed: new Set(errors.map((e) => e.row)).size, errors };
    if (!good.length || (errors.length && mode === ImportMode.ALL_OR_NOTHING)) return { ...report, committed: false, imported: 0, ids: [] };
    await this.outbox.write(async (manager, record) => {
      for (const item of good) await store(manager, record, item);
    });
    return { ...report, committed: true, imported: good.length, ids: good.map(idOf) };
  }

  private async registeredCodes(codes: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < codes.length; i += 500) {
      const rows = await this.dataSource.getRepository(Enterprise).find({ where: { creditCode: In(codes.slice(i, i + 500)) }, select: { creditCode: true } });
      for (const row of rows) found.add(row.creditCode);
    }
    return found;
  }

  /** Enterprise ids by credit code; whether the caller may use one is checked by `ProjectService.prepare`. */
  private async enterpriseIdsByCode(cells: string[]): Promise<Map<string, string>> {
    const codes = [...new Set(cells.map(normaliseCreditCode))];
    const ids = new Map<string, string>();
    for (let i = 0; i < codes.length; i += 500) {
      const rows = await this.dataSource.getRepository(Enterprise).find({ where: { creditCode: In(codes.slice(i, i + 500)) }, select: { id: true, creditCode: true } });
      for (const row of rows) ids.set(row.creditCode, row.id);
    }
    return ids;
  }

  private async confirmationReasons(enterprises: Enterprise[]): Promise<Map<string, string>> {
    const reasons = new Map<string, string>();
    for (const enterprise of enterprises) {
      const confirmation = await this.enterprises.confirmationOf(enterprise);
      if (confirmation) reasons.set(enterprise.id, confirmation.reason);
    }
    return reasons;
  }
}

/** The rows of a list query in its order, refused when there are too many for one file. */
async function exportRows<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, order: SortKey<T>[]): Promise<T[]> {
  order.forEach((key, i) => (i === 0 ? query.orderBy(key.column, key.direction ?? 'ASC') : query.addOrderBy(key.column, key.direction ?? 'ASC')));
  const rows = await query.take(MAX_EXPORT_ROWS + 1).getMany();
  if (rows.length > MAX_EXPORT_ROWS) {
    throw new DomainError(ErrorCode.BadUserInput, `导出结果超过${MAX_EXPORT_ROWS}条，请缩小筛选范围（如按区域）后分批导出`, { field: 'filter', max: MAX_EXPORT_ROWS });
  }
  return rows;
}

async function exportFile<K extends string>(title: string, columns: readonly SheetColumn<K>[], rows: Record<K, CellValue>[]): Promise<ExportedFile> {
  const data = await writeSheet(SpreadsheetFormat.XLSX, title, columns, rows);
  return { fileName: `${title}-${fileStamp(formatShanghaiTime(now()))}.xlsx`, contentType: XLSX_CONTENT_TYPE, contentBase64: data.toString('base64'), rowCount: rows.length };
}
