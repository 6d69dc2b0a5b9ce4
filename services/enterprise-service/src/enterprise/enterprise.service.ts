import { randomUUID } from 'node:crypto';
import { ownUnitOnly, Permission, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs, type SortKey } from '@bizenv/common/connection';
import { normaliseCreditCode, validateCreditCode, type CreditCodeReason } from '@bizenv/common/credit-code';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox, RecordEvent } from '@bizenv/common/outbox';
import { subtreePrefix } from '@bizenv/common/region-code';
import { containsPattern, LIKE_ESCAPE } from '@bizenv/common/sql-like';
import { requireRegionCode, requireText, requireUuid } from '@bizenv/common/validate';
import { QueryFailedError, type DataSource, type EntityManager, type FindOptionsWhere, type SelectQueryBuilder } from 'typeorm';
import { followEnterpriseRegion } from '../ambassador/follow-region.js';
import { Demand } from '../demand/demand.entity.js';
import { CreditCodeConfirmation } from './credit-code-confirmation.entity.js';
import type { ConfirmInvalidCheckInput, EnterpriseFilter, RegisterEnterpriseInput, UpdateEnterpriseInput } from './enterprise-inputs.js';
import { Enterprise } from './enterprise.entity.js';

export const ENTERPRISE_ORDER: SortKey<Enterprise>[] = [{ column: 'e.creditCode', property: 'creditCode' }];

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

  /** By credit code (another subgraph's reference): the same checks as by id. */
  async getByCreditCode(caller: Caller | null, creditCode: string): Promise<Enterprise> {
    requirePermission(caller, Permission.ENTERPRISE_READ);
    const enterprise = await this.dataSource.getRepository(Enterprise).findOneBy({ creditCode });
    if (!enterprise) throw new DomainError(ErrorCode.NotFound, '未找到该企业', { creditCode });
    return this.get(caller, enterprise.id);
  }

  /** The enterprise that raised `demand`, which the caller has already been allowed to see. */
  ofDemand(caller: Caller | null, demand: Demand): Promise<Enterprise> {
    return this.behind(caller, demand.enterpriseId);
  }

  /**
   * The enterprise behind an item the caller may see (a demand dispatched to their unit, a
   * project their unit helps): in the caller's region, without the registry's unit check.
   */
  async behind(caller: Caller | null, enterpriseId: string): Promise<Enterprise> {
    const enterprise = await this.load(enterpriseId);
    requirePermission(caller, Permission.ENTERPRISE_READ, enterprise.regionCode);
    return enterprise;
  }

  /** By credit code; filtered to what the caller may see before counting. */
  list(caller: Caller | null, filter: EnterpriseFilter, page: PageArgs): Promise<Page<Enterprise>> {
    return paginate(this.listQuery(caller, filter), ENTERPRISE_ORDER, page);
  }

  /** The list's rows (the list and the export): every check of the filter and the caller's scope. */
  listQuery(caller: Caller | null, filter: EnterpriseFilter): SelectQueryBuilder<Enterprise> {
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
    for (const flag of ['isKey', 'isMonitoringPoint', 'inIncubationPool', 'industry', 'scale'] as const) {
      if (filter[flag] != null) query.andWhere(`e.${flag} = :${flag}`, { [flag]: filter[flag] });
    }
    return query;
  }

  async register(caller: Caller | null, input: RegisterEnterpriseInput): Promise<Enterprise> {
    const prepared = prepareEnterprise(caller, input);
    await this.outbox.write((manager, record) => storeEnterprise(manager, record, prepared)).catch(asConflict);
    return prepared.enterprise;
  }

  /**
   * Changes what `input` gives, on the version the caller saw. A new region must be in the
   * caller's scope as well as the old one; ambassadors whose area no longer contains the
   * enterprise stop serving it.
   */
  async update(caller: Caller | null, input: UpdateEnterpriseInput): Promise<Enterprise> {
    requireUuid(input.id, 'id', '企业');
    const current = await this.load(input.id);
    const operator = requirePermission(caller, Permission.ENTERPRISE_WRITE, current.regionCode);
    if (input.regionCode != null) {
      requireRegionCode(input.regionCode);
      requirePermission(caller, Permission.ENTERPRISE_WRITE, input.regionCode);
    }
    // The code it already has needs no new check (nor a new confirmation if it was confirmed).
    const typed = input.creditCode == null ? null : normaliseCreditCode(input.creditCode);
    const creditCode = typed === null || typed === current.creditCode ? null : acceptCreditCode(typed, input.confirmInvalidCheck);
    const next: Enterprise = {
      ...current,
      creditCode: creditCode?.code ?? current.creditCode,
      name: input.name == null ? current.name : requireText(input.name, 'name', '企业名称', 200),
      regionCode: input.regionCode ?? current.regionCode,
      isKey: input.isKey ?? current.isKey,
      industry: input.industry === undefined ? current.industry : input.industry,
      scale: input.scale === undefined ? current.scale : input.scale,
      isMonitoringPoint: input.isMonitoringPoint ?? current.isMonitoringPoint,
      inIncubationPool: input.inIncubationPool ?? current.inIncubationPool,
      version: input.expectedVersion + 1,
    };
    await this.outbox
      .write(async (manager, record) => {
        if (next.creditCode !== current.creditCode && (await manager.existsBy(Enterprise, { creditCode: next.creditCode }))) throw duplicate();
        const { id, ...changes } = next;
        const { affected } = await manager.update(Enterprise, { id, version: input.expectedVersion }, changes);
        if (!affected) throw new DomainError(ErrorCode.Conflict, '企业信息已被他人修改，请刷新后重试', { field: 'expectedVersion' });
        if (creditCode?.confirmation) {
          await manager.insert(CreditCodeConfirmation, confirmationRecord(operator, next, creditCode.confirmation));
        }
        if (next.regionCode !== current.regionCode) await followEnterpriseRegion(manager, next, now());
        // Both regions' counts change when it moves.
        for (const regionCode of new Set([current.regionCode, next.regionCode])) {
          record({ topic: 'enterprise.updated', regionCode, payload: eventPayload(next) });
        }
      })
      .catch(asConflict);
    return next;
  }

  /** The confirmation of the enterprise's current code, when its check character fails. */
  confirmationOf(enterprise: Enterprise): Promise<CreditCodeConfirmation | null> {
    if (validateCreditCode(enterprise.creditCode).ok) return Promise.resolve(null);
    return this.dataSource.getRepository(CreditCodeConfirmation).findOne({
      where: { enterpriseId: enterprise.id, creditCode: enterprise.creditCode },
      order: { confirmedAt: 'DESC' },
    });
  }

  /** For writes about an enterprise (a visit, an ambassador): it exists and the caller may write in its region. */
  async forWrite(caller: Caller | null, id: string, field = 'enterpriseId'): Promise<Enterprise> {
    requireUuid(id, field, '企业');
    requirePermission(caller, Permission.ENTERPRISE_WRITE);
    const enterprise = await this.load(id);
    requirePermission(caller, Permission.ENTERPRISE_WRITE, enterprise.regionCode);
    return enterprise;
  }

  async load(id: string): Promise<Enterprise> {
    const enterprise = await this.dataSource.getRepository(Enterprise).findOneBy({ id });
    if (!enterprise) throw new DomainError(ErrorCode.NotFound, '未找到该企业', { id });
    return enterprise;
  }

  /** Unscoped: callers check the region first. */
  count(where: FindOptionsWhere<Enterprise>): Promise<number> {
    return this.dataSource.getRepository(Enterprise).count({ where });
  }
}

export interface PreparedEnterprise {
  operator: Caller;
  enterprise: Enterprise;
  /** The reason staff gave for a code whose check character fails. */
  confirmation: string | null;
}

/** Every check of a registration, nothing written: `register` and the XLSX import both use it. */
export function prepareEnterprise(caller: Caller | null, input: RegisterEnterpriseInput): PreparedEnterprise {
  requireRegionCode(input.regionCode);
  const operator = requirePermission(caller, Permission.ENTERPRISE_WRITE, input.regionCode);
  const { code, confirmation } = acceptCreditCode(input.creditCode, input.confirmInvalidCheck);
  const enterprise: Enterprise = {
    id: randomUUID(),
    creditCode: code,
    name: requireText(input.name, 'name', '企业名称', 200),
    regionCode: input.regionCode,
    isKey: input.isKey,
    industry: input.industry ?? null,
    scale: input.scale ?? null,
    isMonitoringPoint: input.isMonitoringPoint,
    inIncubationPool: input.inIncubationPool,
    version: 1,
  };
  return { operator, enterprise, confirmation };
}

/** Inserts a prepared enterprise (and its confirmation) inside the caller's outbox transaction. */
export async function storeEnterprise(manager: EntityManager, record: RecordEvent, { operator, enterprise, confirmation }: PreparedEnterprise): Promise<void> {
  if (await manager.existsBy(Enterprise, { creditCode: enterprise.creditCode })) throw duplicate();
  await manager.insert(Enterprise, enterprise);
  if (confirmation) await manager.insert(CreditCodeConfirmation, confirmationRecord(operator, enterprise, confirmation));
  record({ topic: 'enterprise.registered', regionCode: enterprise.regionCode, payload: eventPayload(enterprise) });
}

/**
 * The one place that decides which codes are accepted: the wrong shape never; a failing check
 * character only when staff confirm it with a reason, which is then recorded.
 */
function acceptCreditCode(raw: string, confirm: ConfirmInvalidCheckInput | null | undefined): { code: string; confirmation: string | null } {
  const code = normaliseCreditCode(raw);
  const result = validateCreditCode(code);
  // a confirmation sent is checked even when the code needs none: malformed input is never ignored
  const reason = confirm ? requireText(confirm.reason, 'confirmInvalidCheck.reason', '确认理由', 500) : null;
  if (result.ok) return { code, confirmation: null };
  if (result.reason === 'CHECK' && reason) return { code, confirmation: reason };
  const hint = result.reason === 'CHECK' ? '；如核实无误，请填写确认理由后重新提交' : '';
  throw new DomainError(ErrorCode.InvalidCreditCode, CREDIT_CODE_MESSAGES[result.reason] + hint, { field: 'creditCode', reason: result.reason });
}

function confirmationRecord(operator: Caller, enterprise: Enterprise, reason: string): CreditCodeConfirmation {
  return {
    id: randomUUID(),
    enterpriseId: enterprise.id,
    creditCode: enterprise.creditCode,
    reason,
    confirmedById: operator.id,
    confirmedByName: operator.name,
    confirmedAt: now(),
  };
}

function duplicate(): DomainError {
  // No id or region of the existing enterprise: the caller may not be allowed to see it.
  return new DomainError(ErrorCode.Conflict, '该统一社会信用代码已登记', { field: 'creditCode' });
}

/**
 * For a write that stored enterprises: two of one code racing past the check are decided by the
 * unique index (MySQL/MariaDB report ER_DUP_ENTRY, SQLite "UNIQUE constraint failed"), and the
 * loser gets the same CONFLICT as one that did not race.
 */
export function asConflict(error: unknown): never {
  if (error instanceof QueryFailedError) {
    const driverError = error.driverError as { code?: string; message?: string } | undefined;
    if (driverError?.code === 'ER_DUP_ENTRY' || /UNIQUE constraint failed/i.test(driverError?.message ?? error.message)) throw duplicate();
  }
  throw error;
}

function eventPayload(enterprise: Enterprise) {
  return { id: enterprise.id, name: enterprise.name, creditCode: enterprise.creditCode, isKey: enterprise.isKey, isMonitoringPoint: enterprise.isMonitoringPoint };
}
