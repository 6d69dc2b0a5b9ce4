import { Permission, requireCaller, requirePermission, Role, type Caller } from '@bizenv/common/auth';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { FieldCipher } from '@bizenv/common/field-crypto';
import { requireUuid } from '@bizenv/common/validate';
import type { DataSource } from 'typeorm';
import { AuditResult } from '@bizenv/common/audit-entry.entity';
import { AuditAction } from '../audit/audit-action.js';
import { auditedCheck, recordAudit } from '@bizenv/common/audit-log';
import { requireClueVisible } from '../clue/clue-visibility.js';
import { Complaint } from '../complaint/complaint.entity.js';
import { ComplainantRecord } from './complainant-record.entity.js';
import { openComplainant } from './complainant-seal.js';
import type { Complainant } from './complainant.js';

/**
 * 查看投诉人: the one way to read a complainant. Only a person (never an API key) holding
 * `complainant:identity` in the complaint's region, i.e. accepting staff and discipline
 * inspectors; after a clue's transfer, inspectors only. Every attempt is audited, refused or not,
 * and the view is recorded before the identity leaves the service.
 */
export class ComplainantService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  async view(caller: Caller | null, complaintId: string): Promise<Complainant | null> {
    requireUuid(complaintId, 'complaintId', '投诉');
    requireCaller(caller);
    const viewer = await auditedCheck(this.dataSource, caller, AuditAction.COMPLAINANT_VIEW, complaintId, async () => {
      const known = requirePermission(caller, Permission.COMPLAINANT_IDENTITY);
      if (known.roles.includes(Role.INTEGRATOR)) throw new DomainError(ErrorCode.Forbidden, '投诉人身份只能由受理人员或纪委监委人员本人查看');
      const complaint = await this.dataSource.getRepository(Complaint).findOneBy({ id: complaintId });
      if (!complaint) throw new DomainError(ErrorCode.NotFound, '未找到该投诉', { id: complaintId });
      await requireClueVisible(this.dataSource.manager, known, complaintId);
      return requirePermission(known, Permission.COMPLAINANT_IDENTITY, complaint.regionCode);
    });
    const audit = (result: AuditResult, detail: string | null) =>
      recordAudit(this.dataSource, { actor: viewer, action: AuditAction.COMPLAINANT_VIEW, targetId: complaintId, result, detail });
    const record = await this.dataSource.getRepository(ComplainantRecord).findOneBy({ complaintId });
    if (!record) {
      await audit(AuditResult.ALLOWED, '未登记投诉人信息');
      return null;
    }
    let complainant: Complainant;
    try {
      complainant = openComplainant(this.cipher, record);
    } catch (error) {
      // A key missing from the configuration, or a tampered row: loud, recorded, never garbage.
      await audit(AuditResult.FAILED, (error as Error).message);
      throw error;
    }
    await audit(AuditResult.ALLOWED, null);
    return complainant;
  }
}
