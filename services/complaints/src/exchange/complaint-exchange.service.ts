import { Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { CellError, fileStamp, ImportMode, importRowError, XLSX_CONTENT_TYPE, type ExportedFile, type ImportRowError } from '@bizenv/common/exchange';
import { decodeBase64Upload, formatShanghaiTime, readSheet, SpreadsheetFormat, writeSheet } from '@bizenv/common/spreadsheet';
import { isWithin } from '@bizenv/common/region-code';
import type { EntityManager } from 'typeorm';
import type { ComplaintFilter } from '../complaint/complaint-inputs.js';
import { Complaint } from '../complaint/complaint.entity.js';
import { LIST_ORDER, storeReceipt, type ComplaintService, type Receipt } from '../complaint/complaint.service.js';
import { EXPORT_COLUMNS, FIELD_COLUMNS, IMPORT_COLUMNS, ledgerRow, rowToInput } from './complaint-sheet.js';
import type { ComplaintImportReport } from './exchange-types.js';

/**
 * The gateway reads request bodies up to 1 MiB; base64 makes a file 4/3 larger, so a file of
 * 760 KiB is what fits. At a few hundred bytes a row, 2,000 rows stay well inside it.
 */
export const MAX_IMPORT_BYTES = 760 * 1024;
export const MAX_IMPORT_ROWS = 2000;
export const MAX_EXPORT_ROWS = 10_000;

interface GoodRow {
  row: number;
  receipt: Receipt;
}

export class ComplaintExchangeService {
  constructor(
    private readonly outbox: Outbox,
    private readonly complaints: ComplaintService,
  ) {}

  /**
   * 导入 a 12345 export: every row checked exactly as receiveComplaint checks one (intake in its
   * region included), its receipt time and 受理编号 kept. Rows already imported (same channel
   * and 受理编号) are skipped, so importing a file again adds nothing. With errors,
   * ALL_OR_NOTHING stores nothing and GOOD_ROWS stores the good rows; all in one transaction.
   * A 受理编号 stored outside the caller's region is an opaque conflict (`outOfScope`), never
   * "already imported": the report must not confirm a complaint the caller cannot see.
   */
  async import(caller: Caller | null, file: string, format: SpreadsheetFormat, mode: ImportMode): Promise<ComplaintImportReport> {
    const importer = requirePermission(caller, Permission.COMPLAINT_INTAKE);
    const rows = await readSheet(decodeBase64Upload(file, MAX_IMPORT_BYTES), format, IMPORT_COLUMNS, MAX_IMPORT_ROWS);
    const errors: ImportRowError[] = [];
    const good: GoodRow[] = [];
    const rowOfKey = new Map<string, number>();
    const rules = await this.complaints.deadlineRules();
    for (const row of rows) {
      try {
        const { externalId, input } = rowToInput(row);
        const key = `${input.channel}:${externalId}`;
        const earlier = rowOfKey.get(key);
        if (earlier !== undefined) throw new CellError('受理编号', `与第${earlier}行的受理编号重复`);
        rowOfKey.set(key, row.row);
        good.push({ row: row.row, receipt: this.complaints.prepareReceipt(caller, input, externalId, rules) });
      } catch (error) {
        errors.push(importRowError(row.row, error, FIELD_COLUMNS, FIELD_COLUMNS.regionCode));
      }
    }
    const reportOf = (all: ImportRowError[]) => ({ rows: rows.length, failed: new Set(all.map((e) => e.row)).size, errors: [...all].sort((a, b) => a.row - b.row) });
    const refused = (all: ImportRowError[]) => ({ ...reportOf(all), committed: false, imported: 0, skipped: 0, complaintIds: [] });
    if (errors.length && mode === ImportMode.ALL_OR_NOTHING) return refused(errors);
    return this.outbox.write(async (manager, record) => {
      const stored = await storedRegions(manager, good);
      const regionOf = ({ receipt: { complaint } }: GoodRow) => stored.get(`${complaint.channel}:${complaint.externalId}`);
      const conflicts = good.filter((row) => regionOf(row) !== undefined && !isWithin(regionOf(row)!, importer.regionCode));
      const all = [...errors, ...conflicts.map(({ row }) => outOfScope(row))];
      if (conflicts.length && mode === ImportMode.ALL_OR_NOTHING) return refused(all);
      const fresh = good.filter((row) => regionOf(row) === undefined);
      for (const { receipt } of fresh) await storeReceipt(manager, record, receipt);
      const complaintIds = fresh.map(({ receipt }) => receipt.complaint.id);
      const skipped = good.length - fresh.length - conflicts.length;
      return { ...reportOf(all), committed: fresh.length > 0, imported: fresh.length, skipped, complaintIds };
    });
  }

  /** 导出 the list as filtered (the same scope and order) to XLSX; never a complainant column. */
  async export(caller: Caller | null, filter: ComplaintFilter): Promise<ExportedFile> {
    const query = this.complaints.listQuery(caller, filter).limit(MAX_EXPORT_ROWS + 1);
    for (const key of LIST_ORDER) query.addOrderBy(key.column, key.direction ?? 'ASC');
    const complaints = await query.getMany();
    if (complaints.length > MAX_EXPORT_ROWS) {
      throw new DomainError(ErrorCode.BadUserInput, `导出结果超过${MAX_EXPORT_ROWS}条，请缩小筛选范围（如按区域、状态或类别）后分批导出`, { field: 'filter', max: MAX_EXPORT_ROWS });
    }
    const at = now();
    const data = await writeSheet(SpreadsheetFormat.XLSX, '投诉台账', EXPORT_COLUMNS, complaints.map((c) => ledgerRow(c, at)));
    return { fileName: `投诉台账-${fileStamp(formatShanghaiTime(at))}.xlsx`, contentType: XLSX_CONTENT_TYPE, contentBase64: data.toString('base64'), rowCount: complaints.length };
  }
}

/** Said of a 受理编号 stored where the caller cannot see: as if it could not be used, no more. */
function outOfScope(row: number): ImportRowError {
  return { row, column: '受理编号', message: '该受理编号不能在本账号的范围内登记，请核对受理编号和所属区域', code: ErrorCode.Conflict };
}

/** The region of each of the rows' (channel, 受理编号) stored already, read in the import's transaction. */
async function storedRegions(manager: EntityManager, rows: GoodRow[]): Promise<Map<string, string>> {
  const known = new Map<string, string>();
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500).map(({ receipt: { complaint } }) => complaint);
    const found = await manager
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .select(['c.channel', 'c.externalId', 'c.regionCode'])
      .where('c.externalId IN (:...ids)', { ids: batch.map((c) => c.externalId) })
      .getMany();
    for (const c of found) known.set(`${c.channel}:${c.externalId}`, c.regionCode);
  }
  return known;
}
