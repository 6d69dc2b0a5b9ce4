import { AuditEntry } from '@bizenv/common/audit-entry.entity';
import { AuditChainStatus, AuditLogFilter, type AuditLogReader } from '@bizenv/common/audit-read';
import { connectionOf, PageArgs, type Page } from '@bizenv/common/connection';
import { ExportedFile } from '@bizenv/common/exchange';
import { SpreadsheetFormat } from '@bizenv/common/spreadsheet';
import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';

export const IdentityAuditEntryConnection = connectionOf(AuditEntry, 'IdentityAuditEntry');

export interface IdentityAuditContext extends SubgraphContext {
  auditLog: AuditLogReader;
}

/** The complaints database's own audit log (views of complainants' identities, clue transfers), for auditors. */
@Resolver()
export class IdentityAuditResolver {
  @Query(() => IdentityAuditEntryConnection, { description: '投诉人身份查看与线索移交的审计日志，新的在前；仅审计管理员（记录中不含投诉人身份）' })
  identityAuditLog(
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: IdentityAuditContext,
  ): Promise<Page<AuditEntry>> {
    return ctx.auditLog.list(ctx.caller, filter ?? {}, page);
  }

  @Query(() => ExportedFile, { description: '导出投诉人身份查看与线索移交的审计日志（XLSX 或 CSV，单次最多10000条）；仅审计管理员' })
  exportIdentityAuditLog(
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | null,
    @Arg('format', () => SpreadsheetFormat, { defaultValue: SpreadsheetFormat.XLSX }) format: SpreadsheetFormat,
    @Ctx() ctx: IdentityAuditContext,
  ): Promise<ExportedFile> {
    return ctx.auditLog.export(ctx.caller, filter ?? {}, format, '投诉人身份审计日志');
  }

  @Query(() => AuditChainStatus, { description: '校验投诉人身份审计日志的哈希链，指出第一条有问题的记录；仅审计管理员' })
  identityAuditChainStatus(@Ctx() ctx: IdentityAuditContext): Promise<AuditChainStatus> {
    return ctx.auditLog.verify(ctx.caller);
  }
}
