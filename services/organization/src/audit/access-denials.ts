import { AuditResult } from '@bizenv/common/audit-entry.entity';
import { appendAudit } from '@bizenv/common/audit-log';
import { requireCaller, type Caller } from '@bizenv/common/auth';
import { inTransaction } from '@bizenv/common/data-source';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { DataSource } from 'typeorm';
import type { AccessDenialInput } from './access-denial-input.js';
import { OrgAuditAction } from './org-audit-action.js';

/** At most this many denials per report: one response's worth. */
export const MAX_DENIALS_PER_REPORT = 20;

/**
 * Records the denials the gateway reports for `caller` (who signed the report's request: the
 * caller refused). The field is `@inaccessible`, so only the gateway itself can ask.
 */
export class AccessDenials {
  constructor(private readonly dataSource: DataSource) {}

  async record(caller: Caller | null, address: string | undefined, denials: AccessDenialInput[]): Promise<number> {
    const actor = requireCaller(caller);
    if (denials.length > MAX_DENIALS_PER_REPORT) throw new DomainError(ErrorCode.BadUserInput, `一次最多报告 ${MAX_DENIALS_PER_REPORT} 条`, { field: 'denials' });
    await inTransaction(this.dataSource, async (manager) => {
      for (const denial of denials) {
        const where = [denial.operationName, denial.path].filter(Boolean).join(' ');
        await appendAudit(manager, {
          actor,
          action: OrgAuditAction.ACCESS_DENIED,
          targetId: null,
          result: AuditResult.DENIED,
          detail: where ? `${where}：${denial.message}` : denial.message,
          address,
        });
      }
    });
    return denials.length;
  }
}
