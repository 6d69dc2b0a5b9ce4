import { ExportedFile, ImportMode } from '@bizenv/common/exchange';
import { SpreadsheetFormat } from '@bizenv/common/spreadsheet';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { EnterpriseServiceContext } from '../context.js';
import { EnterpriseFilter } from '../enterprise/enterprise-inputs.js';
import { ProjectFilter } from '../project/project-inputs.js';
import { MAX_EXPORT_ROWS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './exchange.service.js';
import { RegistryImportReport } from './exchange-types.js';

const LIMITS = `文件不超过 ${MAX_IMPORT_BYTES / 1024} KiB、${MAX_IMPORT_ROWS} 行`;

@Resolver()
export class ExchangeResolver {
  @Mutation(() => RegistryImportReport, {
    description: `导入企业名录（XLSX，列见 README）：每行按登记的同一规则校验（代码格式、校验位及其确认理由、区域权限、重复）；错误逐行报告、不会写入。${LIMITS}`,
  })
  importEnterprises(
    @Arg('file', () => String, { description: '文件内容，base64 编码' }) file: string,
    @Arg('format', () => SpreadsheetFormat, { defaultValue: SpreadsheetFormat.XLSX }) format: SpreadsheetFormat,
    @Arg('mode', () => ImportMode, { defaultValue: ImportMode.ALL_OR_NOTHING }) mode: ImportMode,
    @Ctx() ctx: EnterpriseServiceContext,
  ): Promise<RegistryImportReport> {
    return ctx.exchange.importEnterprises(ctx.caller, file, format, mode);
  }

  @Mutation(() => RegistryImportReport, { description: `导入项目清单（XLSX）：企业按统一社会信用代码对应已登记的企业；每行按登记项目的同一规则校验。${LIMITS}` })
  importProjects(
    @Arg('file', () => String, { description: '文件内容，base64 编码' }) file: string,
    @Arg('format', () => SpreadsheetFormat, { defaultValue: SpreadsheetFormat.XLSX }) format: SpreadsheetFormat,
    @Arg('mode', () => ImportMode, { defaultValue: ImportMode.ALL_OR_NOTHING }) mode: ImportMode,
    @Ctx() ctx: EnterpriseServiceContext,
  ): Promise<RegistryImportReport> {
    return ctx.exchange.importProjects(ctx.caller, file, format, mode);
  }

  @Query(() => ExportedFile, { description: `按企业列表的筛选条件和可见范围导出企业名录（XLSX，base64；与导入模板相同），至多 ${MAX_EXPORT_ROWS} 条` })
  exportEnterprises(@Arg('filter', () => EnterpriseFilter, { nullable: true }) filter: EnterpriseFilter | null, @Ctx() ctx: EnterpriseServiceContext): Promise<ExportedFile> {
    return ctx.exchange.exportEnterprises(ctx.caller, filter ?? {});
  }

  @Query(() => ExportedFile, { description: `按项目列表的筛选条件和可见范围导出项目清单（XLSX，base64；与导入模板相同），至多 ${MAX_EXPORT_ROWS} 条` })
  exportProjects(@Arg('filter', () => ProjectFilter, { nullable: true }) filter: ProjectFilter | null, @Ctx() ctx: EnterpriseServiceContext): Promise<ExportedFile> {
    return ctx.exchange.exportProjects(ctx.caller, filter ?? {});
  }
}
