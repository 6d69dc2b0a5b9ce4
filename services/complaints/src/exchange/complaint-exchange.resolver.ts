import { ExportedFile, ImportMode } from '@bizenv/common/exchange';
import { SpreadsheetFormat } from '@bizenv/common/spreadsheet';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ComplaintFilter } from '../complaint/complaint-inputs.js';
import type { ComplaintContext } from '../complaint/complaint.resolver.js';
import type { ComplaintExchangeService } from './complaint-exchange.service.js';
import { MAX_EXPORT_ROWS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './complaint-exchange.service.js';
import { ComplaintImportReport } from './exchange-types.js';

export interface ExchangeContext extends ComplaintContext {
  exchange: ComplaintExchangeService;
}

@Resolver()
export class ComplaintExchangeResolver {
  @Mutation(() => ComplaintImportReport, {
    description:
      `导入12345等平台导出的工单（CSV 或 XLSX，模板见 README）：每行按受理的同一规则校验，需有该行区域的受理权限；` +
      `保留原受理时间和受理编号，同一渠道同一受理编号只登记一次。文件不超过 ${MAX_IMPORT_BYTES / 1024} KiB、${MAX_IMPORT_ROWS} 行。`,
  })
  importComplaints(
    @Arg('file', () => String, { description: '文件内容，base64 编码' }) file: string,
    @Arg('format', () => SpreadsheetFormat) format: SpreadsheetFormat,
    @Arg('mode', () => ImportMode, { defaultValue: ImportMode.ALL_OR_NOTHING }) mode: ImportMode,
    @Ctx() ctx: ExchangeContext,
  ): Promise<ComplaintImportReport> {
    return ctx.exchange.import(ctx.caller, file, format, mode);
  }

  @Query(() => ExportedFile, {
    description: `按投诉列表的筛选条件和可见范围导出台账（XLSX，base64），不含任何投诉人信息；至多 ${MAX_EXPORT_ROWS} 条，超出时请缩小筛选范围`,
  })
  exportComplaints(@Arg('filter', () => ComplaintFilter, { nullable: true }) filter: ComplaintFilter | null, @Ctx() ctx: ExchangeContext): Promise<ExportedFile> {
    return ctx.exchange.export(ctx.caller, filter ?? {});
  }
}
