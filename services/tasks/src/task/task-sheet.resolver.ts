import { SpreadsheetFormat } from '@bizenv/common/spreadsheet';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { SupervisedTaskFilter } from './task-inputs.js';
import { MAX_EXPORT_ROWS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './task-sheet.service.js';
import { TaskExport, TaskImportReport, UnitNameInput } from './task-sheet-types.js';
import type { TaskContext } from './task.resolver.js';

@Resolver()
export class TaskSheetResolver {
  @Mutation(() => TaskImportReport, {
    description:
      `导入活动方案的重点任务清单（XLSX 或 CSV，列：序号、重点任务、专项行动、牵头单位、责任单位、完成时限、区域代码、起始日期、基数、目标值、计量单位、目标方向、目标表述）：` +
      `单位按名称由组织机构名录确定（忽略空格和全半角；同名单位取任务所属区域或其最近上级区域中的那个），找不到或无法确定的逐行列出；每行按登记任务的同一规则校验；任何一行有错则一行也不导入。文件不超过 ${MAX_IMPORT_BYTES / 1024} KiB、${MAX_IMPORT_ROWS} 行。`,
  })
  importCampaignTasks(
    @Arg('campaignId', () => ID) campaignId: string,
    @Arg('file', () => String, { description: '文件内容，base64 编码' }) file: string,
    @Arg('format', () => SpreadsheetFormat, { defaultValue: SpreadsheetFormat.XLSX }) format: SpreadsheetFormat,
    @Ctx() ctx: TaskContext,
  ): Promise<TaskImportReport> {
    return ctx.sheets.import(ctx.caller, campaignId, file, format);
  }

  @Query(() => TaskExport, { description: `按任务列表的筛选条件和可见范围导出重点任务及其亮灯（可再导入）；至多 ${MAX_EXPORT_ROWS} 项` })
  exportSupervisedTasks(
    @Arg('filter', () => SupervisedTaskFilter, { nullable: true }) filter: SupervisedTaskFilter | null,
    @Arg('units', () => [UnitNameInput], { nullable: true, description: '单位名称对照：写出单位名称；不在对照中的单位写出编号' }) units: UnitNameInput[] | null,
    @Arg('format', () => SpreadsheetFormat, { defaultValue: SpreadsheetFormat.XLSX }) format: SpreadsheetFormat,
    @Ctx() ctx: TaskContext,
  ): Promise<TaskExport> {
    return ctx.sheets.export(ctx.caller, filter ?? {}, format, units ?? []);
  }
}
