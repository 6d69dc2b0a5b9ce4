import { generateApiKey, hashApiKey } from '@bizenv/common/api-key';
import { AuditResult } from '@bizenv/common/audit-entry.entity';
import { appendAudit } from '@bizenv/common/audit-log';
import { Permission, requireCaller, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import { inTransaction } from '@bizenv/common/data-source';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireText } from '@bizenv/common/validate';
import { randomUUID } from 'node:crypto';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { OrgAuditAction } from '../audit/org-audit-action.js';
import { requireSecurityAdmin } from '../person/role-grant.js';
import { Region } from '../region/region.entity.js';
import type { CreateApiKeyInput, CreatedApiKey } from './api-key-inputs.js';
import { ApiKey } from './api-key.entity.js';

/**
 * Never on a key: a leaked key must not be able to administer the system, grant anything or
 * read the audit logs, and a complainant's identity and transferred clues are for named people
 * only, never a system.
 */
const NOT_GRANTABLE = new Set([
  Permission.SYSTEM_ADMIN, Permission.ORG_ADMIN, Permission.SECURITY_ADMIN, Permission.AUDIT_READ, Permission.COMPLAINANT_IDENTITY, Permission.CLUE_RECEIVE,
]);

/**
 * The scopes asked for. The security administrator, who decides which roles (and so which
 * permissions) people hold, decides a key's scopes too, without holding them; the key's region
 * stays within theirs.
 */
function grantableScopes(scopes: Permission[]): Permission[] {
  const unique = [...new Set(scopes)];
  if (!unique.length) throw new DomainError(ErrorCode.BadUserInput, '请至少授予一项权限', { field: 'scopes' });
  const forbidden = unique.find((scope) => NOT_GRANTABLE.has(scope));
  if (forbidden) {
    throw new DomainError(ErrorCode.BadUserInput, 'API 密钥不能授予系统管理、组织管理、安全管理、审计、查看投诉人身份或线索移交权限', { field: 'scopes', permission: forbidden });
  }
  return unique;
}

export class ApiKeyService {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(ApiKey);
  }

  /** Security administrators, within their region. */
  async create(caller: Caller | null, input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const regionCode = requireRegionCode(input.regionCode);
    const creator = requireSecurityAdmin(caller, regionCode);
    const name = requireText(input.name, 'name', '密钥用途', 64);
    const scopes = grantableScopes(input.scopes);
    const createdAt = now();
    if (input.expiresAt && !(input.expiresAt.getTime() > createdAt.getTime())) {
      throw new DomainError(ErrorCode.BadUserInput, '到期时间应晚于当前时间', { field: 'expiresAt' });
    }
    if (!(await this.dataSource.getRepository(Region).existsBy({ code: regionCode }))) {
      throw new DomainError(ErrorCode.BadUserInput, '未找到该行政区划', { field: 'regionCode' });
    }
    const key = generateApiKey();
    const apiKey = this.repository.create({
      id: randomUUID(),
      name,
      regionCode,
      scopes,
      secretHash: hashApiKey(key),
      lastFour: key.slice(-4),
      createdBy: creator.id,
      createdByName: creator.name,
      createdAt,
      expiresAt: input.expiresAt ?? null,
      revokedAt: null,
    });
    await inTransaction(this.dataSource, async (manager) => {
      await manager.insert(ApiKey, apiKey);
      await audit(manager, creator, OrgAuditAction.API_KEY_CREATE, apiKey, `授权范围 ${scopes.join(',')}，区域 ${regionCode}`);
    });
    return { key, apiKey };
  }

  /** Takes effect at once here; a gateway may still accept the key for its cache window. */
  async revoke(caller: Caller | null, id: string): Promise<ApiKey> {
    requirePermission(caller, Permission.SECURITY_ADMIN);
    const apiKey = await this.repository.findOneBy({ id });
    if (!apiKey) throw new DomainError(ErrorCode.NotFound, '未找到该 API 密钥', { id });
    const admin = requireSecurityAdmin(caller, apiKey.regionCode);
    // Revoking twice keeps the first time.
    if (!apiKey.revokedAt) {
      const revokedAt = now();
      await inTransaction(this.dataSource, async (manager) => {
        const revoked = await manager.update(ApiKey, { id, revokedAt: IsNull() }, { revokedAt });
        if (revoked.affected === 1) await audit(manager, admin, OrgAuditAction.API_KEY_REVOKE, apiKey, null);
      });
    }
    return (await this.repository.findOneBy({ id }))!;
  }

  /** The keys of the caller's whole subtree, newest first, revoked ones included. */
  list(caller: Caller | null, page: PageArgs): Promise<Page<ApiKey>> {
    const admin = requireSecurityAdmin(caller, requireCaller(caller).regionCode);
    const query = this.repository.createQueryBuilder('k').where('k.regionCode LIKE :prefix', { prefix: `${subtreePrefix(admin.regionCode)}%` });
    return paginate(
      query,
      [
        { column: 'k.createdAt', property: 'createdAt', direction: 'DESC' },
        { column: 'k.id', property: 'id', direction: 'DESC' },
      ],
      page,
    );
  }

  /** For the gateway only: the key with this hash if it is neither revoked nor expired. */
  async findActive(secretHash: string): Promise<ApiKey | null> {
    if (!/^[0-9a-f]{64}$/.test(secretHash)) return null;
    const apiKey = await this.repository.findOneBy({ secretHash, revokedAt: IsNull() });
    return apiKey && (!apiKey.expiresAt || apiKey.expiresAt.getTime() > now().getTime()) ? apiKey : null;
  }
}

function audit(manager: EntityManager, actor: Caller, action: OrgAuditAction, apiKey: ApiKey, detail: string | null) {
  return appendAudit(manager, { actor, action, targetId: apiKey.id, result: AuditResult.ALLOWED, detail: `${apiKey.name}（末4位 ${apiKey.lastFour}）${detail ? `：${detail}` : ''}` });
}
