import { generateApiKey, hashApiKey } from '@bizenv/common/api-key';
import { Permission, permissionsOf, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireText } from '@bizenv/common/validate';
import { randomUUID } from 'node:crypto';
import { IsNull, type DataSource } from 'typeorm';
import { Region } from '../region/region.entity.js';
import type { CreateApiKeyInput, CreatedApiKey } from './api-key-inputs.js';
import { ApiKey } from './api-key.entity.js';

/**
 * Never on a key: a leaked key must not be able to administer the system or mint more keys, and
 * a complainant's identity and transferred clues are for named people only, never a system.
 */
const NOT_GRANTABLE = new Set([Permission.SYSTEM_ADMIN, Permission.ORG_ADMIN, Permission.COMPLAINANT_IDENTITY, Permission.CLUE_RECEIVE]);

/** The scopes asked for, each one the creator holds: a key never exceeds whoever made it. */
function grantableScopes(creator: Caller, scopes: Permission[]): Permission[] {
  const unique = [...new Set(scopes)];
  if (!unique.length) throw new DomainError(ErrorCode.BadUserInput, '请至少授予一项权限', { field: 'scopes' });
  const forbidden = unique.find((scope) => NOT_GRANTABLE.has(scope));
  if (forbidden) throw new DomainError(ErrorCode.BadUserInput, 'API 密钥不能授予系统管理、组织管理、查看投诉人身份或线索移交权限', { field: 'scopes', permission: forbidden });
  const held = permissionsOf(creator);
  const beyond = unique.find((scope) => !held.has(scope));
  if (beyond) throw new DomainError(ErrorCode.Forbidden, '不能授予本账号没有的权限', { field: 'scopes', permission: beyond });
  return unique;
}

export class ApiKeyService {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(ApiKey);
  }

  /** Organisation administrators, within their region, for what they may do themselves. */
  async create(caller: Caller | null, input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const regionCode = requireRegionCode(input.regionCode);
    const creator = requirePermission(caller, Permission.ORG_ADMIN, regionCode);
    const name = requireText(input.name, 'name', '密钥用途', 64);
    const scopes = grantableScopes(creator, input.scopes);
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
    await this.repository.insert(apiKey);
    return { key, apiKey };
  }

  /** Takes effect at once here; a gateway may still accept the key for its cache window. */
  async revoke(caller: Caller | null, id: string): Promise<ApiKey> {
    const apiKey = await this.repository.findOneBy({ id });
    if (!apiKey) throw new DomainError(ErrorCode.NotFound, '未找到该 API 密钥', { id });
    requirePermission(caller, Permission.ORG_ADMIN, apiKey.regionCode);
    // Revoking twice keeps the first time.
    if (!apiKey.revokedAt) {
      apiKey.revokedAt = now();
      await this.repository.update({ id, revokedAt: IsNull() }, { revokedAt: apiKey.revokedAt });
    }
    return (await this.repository.findOneBy({ id }))!;
  }

  /** The keys of the caller's whole subtree, newest first, revoked ones included. */
  list(caller: Caller | null, page: PageArgs): Promise<Page<ApiKey>> {
    const admin = requirePermission(caller, Permission.ORG_ADMIN);
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
