import { randomUUID } from 'node:crypto';
import { ownUnitOnly, Permission, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { subtreePrefix } from '@bizenv/common/region-code';
import { containsPattern, LIKE_ESCAPE } from '@bizenv/common/sql-like';
import { requireRegionCode, requireText } from '@bizenv/common/validate';
import { QueryFailedError, type DataSource, type FindOptionsWhere } from 'typeorm';
import { normaliseCreditCode, validateCreditCode, type CreditCodeReason } from './credit-code.js';
import { Demand } from '../demand/demand.entity.js';
import type { EnterpriseFilter, RegisterEnterpriseInput } from './enterprise-inputs.js';
import { Enterprise } from './enterprise.entity.js';

const CREDIT_CODE_MESSAGES: Record<CreditCodeReason, string> = {
  SHAPE: '统一社会信用代码格式不正确',
  CHECK: '统一社会信用代码校验位不正确',
};

export class EnterpriseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /**
   * One enterprise in the caller's region. A unit operator has no enterprises of their own: they
   * see those whose demands were dispatched to their unit.
   */
  async get(caller: Caller | null, id: string): Promise<Enterprise> {
    requirePermission(caller, Permission.ENTERPRISE_READ);
    const enterprise = await this.load(id);
    const known = requirePermission(caller, Permission.ENTERPRISE_READ, enterprise.regionCode);
    if (ownUnitOnly(known) && !(known.unitId && (await this.dataSource.getRepository(Demand).existsBy({ enterpriseId: id, unitId: known.unitId })))) {
      throw new DomainError(ErrorCode.Forbidden, '仅可查看本单位承办诉求的企业');
    }
    return enterprise;
  }

  /** The enterprise that raised `demand`, which the caller has already been allowed to see. */
  async ofDemand(caller: Caller | null, demand: Demand): Promise<Enterprise> {
    const enterprise = await this.load(demand.enterpriseId);
    requirePermission(caller, Permission.ENTERPRISE_READ, enterprise.regionCode);
    return enterprise;
  }

  /** By credit code; filtered to what the caller may see before counting. */
  list(caller: Caller | null, filter: EnterpriseFilter, page: PageArgs): Promise<Page<Enterprise>> {
    if (filter.regionCode != null) requireRegionCode(filter.regionCode, 'filter.regionCode');
    const nameContains = filter.nameContains == null ? null : requireText(filter.nameContains, 'filter.nameContains', '企业名称', 200);
    const scope = requireListScope(caller, Permission.ENTERPRISE_READ, filter.regionCode);
    const query = this.dataSource
      .getRepository(Enterprise)
      .createQueryBuilder('e')
      .where('e.regionCode LIKE :prefix', { prefix: `${subtreePrefix(scope.regionCode)}%` });
    if (scope.unitId) {
      query.andWhere('EXISTS (SELECT 1 FROM demand d WHERE d.unitId = :ownUnit AND d.enterpriseId = e.id)', { ownUnit: scope.unitId });
    }
    if (nameContains) query.andWhere(`e.name LIKE :name ${LIKE_ESCAPE}`, { name: containsPattern(nameContains) });
    if (filter.isKey != null) query.andWhere('e.isKey = :isKey', { isKey: filter.isKey });
    return paginate(query, [{ column: 'e.creditCode', property: 'creditCode' }], page);
  }

  async register(caller: Caller | null, input: RegisterEnterpriseInput): Promise<Enterprise> {
    requireRegionCode(input.regionCode);
    requirePermission(caller, Permission.ENTERPRISE_WRITE, input.regionCode);
    const enterprise: Enterprise = {
      id: randomUUID(),
      creditCode: acceptCreditCode(input.creditCode),
      name: requireText(input.name, 'name', '企业名称', 200),
      regionCode: input.regionCode,
      isKey: input.isKey,
    };
    try {
      await this.outbox.write(async (manager, record) => {
        if (await manager.existsBy(Enterprise, { creditCode: enterprise.creditCode })) throw duplicate();
        await manager.insert(Enterprise, enterprise);
        record({ topic: 'enterprise.registered', regionCode: enterprise.regionCode, payload: eventPayload(enterprise) });
      });
    } catch (error) {
      // Two registrations of one code racing past the check: the unique index decides.
      if (isUniqueViolation(error)) throw duplicate();
      throw error;
    }
    return enterprise;
  }

  private async load(id: string): Promise<Enterprise> {
    const enterprise = await this.dataSource.getRepository(Enterprise).findOneBy({ id });
    if (!enterprise) throw new DomainError(ErrorCode.NotFound, '未找到该企业', { id });
    return enterprise;
  }

  /** Unscoped: callers check the region first. */
  count(where: FindOptionsWhere<Enterprise>): Promise<number> {
    return this.dataSource.getRepository(Enterprise).count({ where });
  }
}

/**
 * The one place that decides which codes are accepted. A pilot code that fails only the check
 * (reason CHECK) is where a later, confirmed-with-a-reason path would let it through.
 */
function acceptCreditCode(raw: string): string {
  const code = normaliseCreditCode(raw);
  const result = validateCreditCode(code);
  if (!result.ok) {
    throw new DomainError(ErrorCode.InvalidCreditCode, CREDIT_CODE_MESSAGES[result.reason], { field: 'creditCode', reason: result.reason });
  }
  return code;
}

function duplicate(): DomainError {
  // No id or region of the existing enterprise: the caller may not be allowed to see it.
  return new DomainError(ErrorCode.Conflict, '该统一社会信用代码已登记', { field: 'creditCode' });
}

// MySQL/MariaDB report ER_DUP_ENTRY; SQLite "UNIQUE constraint failed".
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; message?: string } | undefined;
  return driverError?.code === 'ER_DUP_ENTRY' || /UNIQUE constraint failed/i.test(driverError?.message ?? error.message);
}

function eventPayload(enterprise: Enterprise) {
  return { id: enterprise.id, name: enterprise.name, creditCode: enterprise.creditCode, isKey: enterprise.isKey };
}
