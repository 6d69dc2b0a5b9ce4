import { AuditEntry } from '@bizenv/common/audit-entry.entity';
import { AuditChainStatus, AuditLogFilter, type AuditLogReader } from '@bizenv/common/audit-read';
import { connectionOf, PageArgs, type Page } from '@bizenv/common/connection';
import { ExportedFile } from '@bizenv/common/exchange';
import { SpreadsheetFormat } from '@bizenv/common/spreadsheet';
import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Arg, Args, Ctx, Directive, Int, Mutation, Query, Resolver } from 'type-graphql';
import { AccessDenialInput } from './access-denial-input.js';
import type { AccessDenials } from './access-denials.js';

export const AuditEntryConnection = connectionOf(AuditEntry, 'AuditEntry');

export interface AuditContext extends SubgraphContext {
  auditLog: AuditLogReader;
  accessDenials: AccessDenials;
}

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: '审计日志（登录、锁定、角色与账号变更、API 密钥、拒绝访问），新的在前；仅审计管理员' })
  auditLog(
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AuditContext,
  ): Promise<Page<AuditEntry>> {
    return ctx.auditLog.list(ctx.caller, filter ?? {}, page);
  }

  @Query(() => ExportedFile, { description: '导出审计日志（XLSX 或 CSV，按序号升序，单次最多10000条）；仅审计管理员' })
  exportAuditLog(
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | null,
    @Arg('format', () => SpreadsheetFormat, { defaultValue: SpreadsheetFormat.XLSX }) format: SpreadsheetFormat,
    @Ctx() ctx: AuditContext,
  ): Promise<ExportedFile> {
    return ctx.auditLog.export(ctx.caller, filter ?? {}, format, '审计日志');
  }

  @Query(() => AuditChainStatus, { description: '校验审计日志的哈希链，指出第一条有问题的记录；仅审计管理员' })
  auditChainStatus(@Ctx() ctx: AuditContext): Promise<AuditChainStatus> {
    return ctx.auditLog.verify(ctx.caller);
  }

  // Not in the gateway's API (@inaccessible): the gateway reports the FORBIDDEN answers it gave.
  @Mutation(() => Int)
  @Directive('@inaccessible')
  recordAccessDenials(@Arg('denials', () => [AccessDenialInput]) denials: AccessDenialInput[], @Ctx() ctx: AuditContext): Promise<number> {
    return ctx.accessDenials.record(ctx.caller, ctx.clientAddress, denials);
  }
}
