import { randomUUID } from 'node:crypto';
import { Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { isRegionCode, isWithin } from '@bizenv/common/region-code';
import { sheetFile } from '@bizenv/common/sheet-file';
import { decodeBase64Upload, readSheet, SpreadsheetFormat, writeSheet, type SheetRow } from '@bizenv/common/spreadsheet';
import { requireRegionCode, requireText, requireUuid } from '@bizenv/common/validate';
import { In, IsNull, type DataSource } from 'typeorm';
import type { CampaignService } from '../campaign/campaign.service.js';
import { SpecialAction } from '../special-action/special-action.entity.js';
import { taskDraft, type TaskDraft } from './task-draft.js';
import type { SupervisedTaskFilter } from './task-inputs.js';
import { taskLight } from './task-light.js';
import { CellError, EXPORT_COLUMNS, FIELD_COLUMNS, header, IMPORT_COLUMNS, rowToFields, rowUnitNames, taskRow } from './task-sheet.js';
import type { UnitDirectory, UnitLookup } from '../unit/unit-directory.js';
import { nameKey } from '@bizenv/common/name-key';
import type { ImportRowError } from '@bizenv/common/exchange';
import type { TaskExport, TaskImportReport, UnitNameInput } from './task-sheet-types.js';
import { TaskStatus } from './task-status.js';
import { SupervisedTask } from './task.entity.js';
import type { TaskService } from './task.service.js';

/** The gateway reads bodies up to 1 MiB; base64 makes a file 4/3 larger. */
export const MAX_IMPORT_BYTES = 760 * 1024;
export const MAX_IMPORT_ROWS = 1000;
export const MAX_EXPORT_ROWS = 5000;
const MAX_UNIT_NAMES = 5000;

/**
 * For an export: id → name of the units the client names (units not named are written by id).
 * Only the client reads what it passes here; an import asks organization instead.
 */
function unitNames(units: readonly UnitNameInput[]): Map<string, string> {
  if (units.length > MAX_UNIT_NAMES) throw new DomainError(ErrorCode.BadUserInput, `单位对照至多${MAX_UNIT_NAMES}条`, { field: 'units' });
  const names = new Map<string, string>();
  units.forEach((unit, i) => {
    const name = requireText(unit.name, `units[${i}].name`, '单位名称', 100);
    const id = requireUuid(unit.id, `units[${i}].id`, '单位');
    if (!names.has(id)) names.set(id, name);
  });
  return names;
}

function rowErrors(row: number, error: unknown): ImportRowError[] {
  if (error instanceof AggregateError) return error.errors.flatMap((inner) => rowErrors(row, inner));
  if (error instanceof CellError) return [{ row, column: error.column, message: error.message, code: ErrorCode.BadUserInput }];
  if (error instanceof DomainError) {
    const { code, field } = error.extensions as { code: string; field?: string };
    const column = code === ErrorCode.Forbidden ? header('regionCode') : (FIELD_COLUMNS[field ?? ''] ?? null);
    return [{ row, column, message: error.message, code }];
  }
  throw error;
}

export class TaskSheetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly tasks: TaskService,
    private readonly campaigns: CampaignService,
    private readonly units: UnitDirectory,
  ) {}

  /**
   * 导入 a campaign's task list: every row checked as createSupervisedTask checks one, its units
   * found by name by organization; all rows or none are stored (one transaction), the errors
   * listed row by row.
   */
  async import(caller: Caller | null, campaignId: string, file: string, format: SpreadsheetFormat): Promise<TaskImportReport> {
    requirePermission(caller, Permission.TASK_WRITE);
    requireUuid(campaignId, 'campaignId', '活动方案');
    const campaign = await this.campaigns.loadLive(this.dataSource.manager, campaignId, 'campaignId');
    requirePermission(caller, Permission.TASK_WRITE, campaign.regionCode);
    const rows = await readSheet(decodeBase64Upload(file, MAX_IMPORT_BYTES), format, IMPORT_COLUMNS, MAX_IMPORT_ROWS);
    const units = await this.lookUpUnits(rows, campaign.regionCode);
    const actions = await this.dataSource.getRepository(SpecialAction).find({ where: { campaignId: campaign.id, withdrawnAt: IsNull() } });
    const taken = new Set((await this.dataSource.getRepository(SupervisedTask).find({ select: { number: true }, where: { campaignId: campaign.id } })).map((t) => t.number));
    const rowOfNumber = new Map<number, number>();
    const errors: ImportRowError[] = [];
    const drafts: TaskDraft[] = [];
    const at = now();
    for (const row of rows) {
      try {
        const { fields, specialAction } = rowToFields(row, (name) => units.get(rowUnitNames(row, campaign.regionCode).regionCode)?.get(name), campaign.regionCode);
        requireRegionCode(fields.regionCode);
        requirePermission(caller, Permission.TASK_WRITE, fields.regionCode);
        if (!isWithin(fields.regionCode, campaign.regionCode)) throw new CellError(header('regionCode'), '任务所属区域应在活动方案的区域之内');
        const action = specialAction ? actions.filter((a) => String(a.number) === specialAction || nameKey(a.title) === nameKey(specialAction)) : [];
        if (specialAction && action.length !== 1) throw new CellError(header('specialAction'), `方案中没有唯一的专项行动“${specialAction}”（可写序号或名称）`);
        const earlier = rowOfNumber.get(fields.number);
        if (earlier !== undefined) throw new CellError(header('number'), `与第${earlier}行的序号重复`);
        rowOfNumber.set(fields.number, row.row);
        if (taken.has(fields.number)) throw new DomainError(ErrorCode.Conflict, `该活动方案中已有序号为${fields.number}的任务`, { field: 'number' });
        drafts.push(taskDraft(randomUUID(), fields, { campaign, specialActionId: action[0]?.id ?? null, at }));
      } catch (error) {
        errors.push(...rowErrors(row.row, error));
      }
    }
    const report = { rows: rows.length, failed: new Set(errors.map((e) => e.row)).size, errors };
    if (errors.length || !drafts.length) return { ...report, committed: false, imported: 0, taskIds: [] };
    const tasks = await this.outbox.write((manager, record) => this.tasks.insert(manager, drafts, campaign, record));
    return { ...report, committed: true, imported: tasks.length, taskIds: tasks.map((task) => task.id) };
  }

  /** Every row's unit names, looked up once per region the rows name (a malformed region is not asked about). */
  private async lookUpUnits(rows: SheetRow<(typeof IMPORT_COLUMNS)[number]['key']>[], defaultRegion: string): Promise<Map<string, Map<string, UnitLookup>>> {
    const wanted = new Map<string, string[]>();
    for (const row of rows) {
      const { regionCode, names } = rowUnitNames(row, defaultRegion);
      if (isRegionCode(regionCode)) wanted.set(regionCode, [...(wanted.get(regionCode) ?? []), ...names]);
    }
    const found = new Map<string, Map<string, UnitLookup>>();
    for (const [regionCode, names] of wanted) found.set(regionCode, await this.units.resolve(names, regionCode));
    return found;
  }

  /** 导出 the task list as filtered (same scope and order) with lights, importable again. */
  async export(caller: Caller | null, filter: SupervisedTaskFilter, format: SpreadsheetFormat, units: readonly UnitNameInput[]): Promise<TaskExport> {
    const names = unitNames(units);
    const tasks = await this.tasks.all(caller, filter, MAX_EXPORT_ROWS);
    const actionIds = [...new Set(tasks.map((task) => task.specialActionId).filter((id): id is string => Boolean(id)))];
    const actions = actionIds.length ? await this.dataSource.getRepository(SpecialAction).findBy({ id: In(actionIds) }) : [];
    const titles = new Map(actions.map((action) => [action.id, action.title]));
    const at = now();
    const rows = tasks.map((task) =>
      taskRow(task, names, titles.get(task.specialActionId ?? '') ?? '', taskLight(task, at), task.status === TaskStatus.IN_PROGRESS && task.behindAt != null && task.behindAt <= at),
    );
    return sheetFile('重点任务', format, await writeSheet(format, '重点任务', EXPORT_COLUMNS, rows), rows.length, at);
  }
}
