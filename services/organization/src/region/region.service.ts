import { Permission, requireAnyPermission, requireCaller, requirePermission, type Caller } from '@bizenv/common/auth';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import { inTransaction } from '@bizenv/common/data-source';
import { insertRows } from '@bizenv/common/insert-rows';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { isWithin, subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireText } from '@bizenv/common/validate';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { whereNameContains } from '../name-contains.js';
import { ORG_READERS } from '../org-readers.js';
import type { CreateRegionInput, RegionFilter, UpdateRegionInput } from './region-inputs.js';
import { checkParentLevel, checkPlacement } from './region-placement.js';
import { Region } from './region.entity.js';

/** The most regions one `importRegions` takes (a province's towns fit in a few batches). */
export const MAX_IMPORT = 5000;
// Codes per lookup, well under either database's bound-parameter limit.
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  return Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));
}

async function findByCodes(manager: EntityManager, codes: string[]): Promise<Map<string, Region>> {
  const found = new Map<string, Region>();
  for (const part of chunks(codes)) for (const region of await manager.findBy(Region, { code: In(part) })) found.set(region.code, region);
  return found;
}

export class RegionService {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(Region);
  }

  async get(caller: Caller | null, code: string): Promise<Region> {
    requireAnyPermission(caller, ORG_READERS, code);
    const region = await this.repository.findOneBy({ code });
    if (!region) throw new DomainError(ErrorCode.NotFound, '未找到该行政区划', { regionCode: code });
    return region;
  }

  /** Regions of one subtree in the caller's scope (the caller's own by default), by code. */
  list(caller: Caller | null, filter: RegionFilter | null | undefined, page: PageArgs): Promise<Page<Region>> {
    const within = filter?.within == null ? requireCaller(caller).regionCode : requireRegionCode(filter.within, 'filter.within');
    requireAnyPermission(caller, ORG_READERS, within);
    const query = this.repository.createQueryBuilder('region').where('region.code LIKE :subtree', { subtree: `${subtreePrefix(within)}%` });
    if (filter?.parentCode != null) {
      requireAnyPermission(caller, ORG_READERS, requireRegionCode(filter.parentCode, 'filter.parentCode'));
      query.andWhere('region.parentCode = :parentCode', { parentCode: filter.parentCode });
    }
    if (filter?.level != null) query.andWhere('region.level = :level', { level: filter.level });
    whereNameContains(query, 'region.name', filter?.nameContains);
    return paginate(query, [{ column: 'region.code', property: 'code' }], page);
  }

  children(caller: Caller | null, region: Region): Promise<Region[]> {
    requireAnyPermission(caller, ORG_READERS, region.code);
    return this.repository.find({ where: { parentCode: region.code }, order: { code: 'ASC' } });
  }

  /** A region reached from another (a parent, a unit's region): null when outside the caller's scope. */
  async visible(caller: Caller | null, code: string | null): Promise<Region | null> {
    if (!code || !isWithin(code, requireCaller(caller).regionCode)) return null;
    requireAnyPermission(caller, ORG_READERS, code);
    return this.repository.findOneBy({ code });
  }

  async create(caller: Caller | null, input: CreateRegionInput): Promise<Region> {
    requirePermission(caller, Permission.ORG_ADMIN);
    const [region] = await this.insert(caller, [input], () => '');
    return region;
  }

  /** Loads a region tree in one transaction: all or nothing, parents anywhere in the batch. */
  importRegions(caller: Caller | null, inputs: CreateRegionInput[]): Promise<Region[]> {
    requirePermission(caller, Permission.ORG_ADMIN);
    if (inputs.length === 0 || inputs.length > MAX_IMPORT) {
      throw new DomainError(ErrorCode.BadUserInput, `一次导入1到${MAX_IMPORT}个行政区划，当前${inputs.length}个`, { field: 'regions' });
    }
    return this.insert(caller, inputs, (index) => `regions[${index}].`);
  }

  async update(caller: Caller | null, code: string, input: UpdateRegionInput): Promise<Region> {
    requirePermission(caller, Permission.ORG_ADMIN, code);
    const name = requireText(input.name, 'name', '区划名称', 64);
    return inTransaction(this.dataSource, async (manager) => {
      const region = await manager.findOneBy(Region, { code });
      if (!region) throw new DomainError(ErrorCode.NotFound, '未找到该行政区划', { regionCode: code });
      await manager.update(Region, { code }, { name });
      return { ...region, name };
    });
  }

  /** Every input checked (shape, scope, duplicates, parent) before anything is written. */
  private async insert(caller: Caller | null, inputs: CreateRegionInput[], prefixOf: (index: number) => string): Promise<Region[]> {
    const batch = new Map<string, Region>();
    const regions = inputs.map((input, index) => {
      const prefix = prefixOf(index);
      requirePermission(caller, Permission.ORG_ADMIN, requireRegionCode(input.code, `${prefix}code`));
      checkPlacement(input, prefix);
      const region: Region = { code: input.code, name: requireText(input.name, `${prefix}name`, '区划名称', 64), level: input.level, parentCode: input.parentCode ?? null };
      if (batch.has(region.code)) throw new DomainError(ErrorCode.Conflict, `行政区划代码${region.code}在本批中重复`, { field: `${prefix}code`, regionCode: region.code });
      batch.set(region.code, region);
      return region;
    });
    return inTransaction(this.dataSource, async (manager) => {
      const existing = await findByCodes(manager, [...batch.keys()]);
      const parentCodes = new Set(regions.flatMap((r) => (r.parentCode && !batch.has(r.parentCode) ? [r.parentCode] : [])));
      const stored = await findByCodes(manager, [...parentCodes]);
      regions.forEach((region, index) => {
        const prefix = prefixOf(index);
        if (existing.has(region.code)) throw new DomainError(ErrorCode.Conflict, `行政区划代码${region.code}已存在`, { field: `${prefix}code`, regionCode: region.code });
        if (!region.parentCode) return;
        const parent = batch.get(region.parentCode) ?? stored.get(region.parentCode);
        if (!parent) throw new DomainError(ErrorCode.NotFound, `上级行政区划${region.parentCode}不存在`, { field: `${prefix}parentCode`, regionCode: region.parentCode });
        checkParentLevel(region, parent.level, prefix);
      });
      await insertRows(manager, Region, regions);
      return regions;
    });
  }
}
