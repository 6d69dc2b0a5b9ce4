import { Brackets, type DataSource } from 'typeorm';
import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AuditEntry, AuditResult } from './audit-entry.entity.js';
import { verifyAuditChain } from './audit-log.js';
import { Permission, requirePermission, type Caller } from './auth.js';
import { now } from './clock.js';
import { paginate, type Page, type PageArgs } from './connection.js';
import { DomainError, ErrorCode } from './errors.js';
import type { ExportedFile } from './exchange.js';
import { subtreePrefix } from './region-code.js';
import { sheetFile } from './sheet-file.js';
import { writeSheet, type SpreadsheetFormat } from './spreadsheet.js';

@InputType({ description: '审计日志筛选条件' })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: '操作，如 SIGN_IN' })
  action?: string | null;

  @Field(() => AuditResult, { nullable: true })
  result?: AuditResult | null;

  @Field(() => ID, { nullable: true, description: '操作人账号标识' })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: '对象标识或登录用户名' })
  targetId?: string | null;

  @Field(() => Date, { nullable: true, description: '起始时间（含）' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: '截止时间（不含）' })
  to?: Date | null;
}

@ObjectType({ description: '审计日志哈希链校验结果' })
@Directive('@shareable')
export class AuditChainStatus {
  @Field(() => Boolean, { description: '整条链完好' })
  intact!: boolean;

  @Field(() => Int, { description: '已校验的记录数' })
  length!: number;

  @Field(() => Int, { nullable: true, description: '第一条缺失、被改动或未经日志写入的记录序号' })
  brokenSeq!: number | null;

  @Field(() => String, { nullable: true, description: '问题：missing、altered、does not follow the previous row、not appended through the log' })
  problem!: string | null;
}

export const MAX_AUDIT_EXPORT_ROWS = 10_000;

const COLUMNS = [
  { key: 'seq', header: '序号', width: 8 },
  { key: 'at', header: '时间', width: 20 },
  { key: 'actorId', header: '操作人标识', width: 38 },
  { key: 'actorName', header: '操作人' },
  { key: 'actorRoles', header: '角色' },
  { key: 'actorRegion', header: '区域', width: 10 },
  { key: 'action', header: '操作' },
  { key: 'targetId', header: '对象', width: 38 },
  { key: 'result', header: '结果', width: 8 },
  { key: 'detail', header: '说明', width: 40 },
  { key: 'address', header: '客户端地址' },
  { key: 'hash', header: '哈希', width: 66 },
] as const;

/**
 * Reading a subgraph's audit log: auditors only (`audit:read`), the rows of actors in their
 * region subtree and sign-ins under unknown usernames (which belong to no region).
 */
export class AuditLogReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first. */
  list(caller: Caller | null, filter: AuditLogFilter, page: PageArgs): Promise<Page<AuditEntry>> {
    return paginate(this.query(caller, filter), [{ column: 'a.seq', property: 'seq', direction: 'DESC' }], page);
  }

  /** The filtered rows, oldest first (as the chain runs), up to MAX_AUDIT_EXPORT_ROWS. */
  async export(caller: Caller | null, filter: AuditLogFilter, format: SpreadsheetFormat, name: string): Promise<ExportedFile> {
    const query = this.query(caller, filter);
    const total = await query.clone().getCount();
    if (total > MAX_AUDIT_EXPORT_ROWS) {
      throw new DomainError(ErrorCode.BadUserInput, `符合条件的记录有 ${total} 条，超过单次导出上限 ${MAX_AUDIT_EXPORT_ROWS} 条，请缩小时间范围`, { field: 'filter', max: MAX_AUDIT_EXPORT_ROWS });
    }
    const rows = await query.orderBy('a.seq', 'ASC').getMany();
    return sheetFile(name, format, await writeSheet(format, name, COLUMNS, rows), rows.length, now());
  }

  /** The whole chain checked from its first row. */
  async verify(caller: Caller | null): Promise<AuditChainStatus> {
    requirePermission(caller, Permission.AUDIT_READ);
    const check = await verifyAuditChain(this.dataSource.manager);
    return check.intact
      ? { intact: true, length: check.length, brokenSeq: null, problem: null }
      : { intact: false, length: check.seq - 1, brokenSeq: check.seq, problem: check.problem };
  }

  private query(caller: Caller | null, filter: AuditLogFilter) {
    const auditor = requirePermission(caller, Permission.AUDIT_READ);
    if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) {
      throw new DomainError(ErrorCode.BadUserInput, '起始时间应早于截止时间', { field: 'filter.to' });
    }
    const query = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    query.where(new Brackets((scope) => scope.where('a.actorRegion LIKE :prefix', { prefix: `${subtreePrefix(auditor.regionCode)}%` }).orWhere("a.actorRegion = ''")));
    if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
    if (filter.result) query.andWhere('a.result = :result', { result: filter.result });
    if (filter.actorId) query.andWhere('a.actorId = :actorId', { actorId: filter.actorId });
    if (filter.targetId) query.andWhere('a.targetId = :targetId', { targetId: filter.targetId });
    if (filter.from) query.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('a.at < :to', { to: filter.to });
    return query;
  }
}
