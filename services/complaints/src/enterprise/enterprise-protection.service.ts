import { Permission, Role, ownUnitOnly, permissionsOf, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { normaliseCreditCode } from '@bizenv/common/credit-code';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { FieldCipher } from '@bizenv/common/field-crypto';
import { isWithin } from '@bizenv/common/region-code';
import { fromSqlDate } from '@bizenv/common/sql-date';
import type { DataSource } from 'typeorm';
import { ComplainantRecord } from '../identity/complainant-record.entity.js';
import { MATCH } from '../identity/complainant-seal.js';
import type { EnterpriseProtection } from './enterprise-protection.js';
import type { Enterprise } from './enterprise.js';

const DAY_MS = 86_400_000;
const REASON = '该企业投诉举报后的保护期内，对其开展检查须经更严格的审批';

/**
 * An enterprise that complained is protected for `days` from its latest complaint's receipt.
 * Derived from the complainants' keyed credit-code hashes: no list of protected enterprises is
 * stored, and the answer names no complaint and no complainant.
 */
export class EnterpriseProtectionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly days: number,
  ) {}

  /**
   * Staff with enterprise:read in the enterprise's region; never a unit operator (the unit
   * complained about must not learn who complained), for whom it is null as for any unprotected
   * one. An API key is refused whatever its scopes: it would tell another system that somebody
   * complained about or on behalf of the enterprise.
   */
  async of(caller: Caller | null, enterprise: Enterprise): Promise<EnterpriseProtection | null> {
    if (caller?.roles.includes(Role.INTEGRATOR)) throw new DomainError(ErrorCode.Forbidden, '企业保护信息仅限本区域工作人员查看，接口密钥不能查看');
    const regionCode = enterprise.region?.code;
    if (!caller || !regionCode || ownUnitOnly(caller) || !permissionsOf(caller).has(Permission.ENTERPRISE_READ) || !isWithin(regionCode, caller.regionCode)) {
      return null;
    }
    const indexes = this.cipher.blindIndexes(normaliseCreditCode(enterprise.creditCode), MATCH.creditCode);
    const row = await this.dataSource
      .getRepository(ComplainantRecord)
      .createQueryBuilder('p')
      .innerJoin('complaint', 'c', 'c.id = p.complaintId')
      .select('MAX(c.receivedAt)', 'latest')
      .where('p.creditCodeIndex IN (:...indexes)', { indexes })
      .getRawOne<{ latest: string | Date | null }>();
    if (!row?.latest) return null;
    const protectedUntil = new Date(fromSqlDate(row.latest).getTime() + this.days * DAY_MS);
    return protectedUntil > now() ? { protectedUntil, reason: REASON } : null;
  }
}
