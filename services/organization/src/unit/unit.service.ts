import { randomUUID } from 'node:crypto';
import { Permission, requireAnyPermission, requireCaller, requirePermission, type Caller } from '@bizenv/common/auth';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import { inTransaction } from '@bizenv/common/data-source';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireText } from '@bizenv/common/validate';
import type { DataSource, EntityManager } from 'typeorm';
import { whereNameContains } from '../name-contains.js';
import { ORG_READERS } from '../org-readers.js';
import { requireRegionExists, requireUnitMovable } from '../references.js';
import type { CreateUnitInput, UnitFilter, UpdateUnitInput } from './unit-inputs.js';
import { matchUnitName, unitNameIndex, type UnitNameMatch } from './unit-name-match.js';
import { Unit } from './unit.entity.js';

const requireName = (name: string) => requireText(name, 'name', '单位名称', 128);
const MAX_NAMES = 2000;

/** A region the caller administers and that exists. */
async function requireAdminRegion(manager: EntityManager, caller: Caller | null, regionCode: string): Promise<void> {
  requirePermission(caller, Permission.ORG_ADMIN, requireRegionCode(regionCode));
  await requireRegionExists(manager, regionCode);
}

/** Unit names are unique within a region (the same department name may recur in another district). */
async function requireFreeName(manager: EntityManager, unit: Pick<Unit, 'id' | 'name' | 'regionCode'>): Promise<void> {
  const clash = await manager.findOneBy(Unit, { regionCode: unit.regionCode, name: unit.name });
  if (clash && clash.id !== unit.id) {
    throw new DomainError(ErrorCode.Conflict, `该区划内已有同名单位：${clash.name}`, { field: 'name', id: clash.id });
  }
}

export class UnitService {
  constructor(private readonly dataSource: DataSource) {}

  /** Any signed-in caller may see who a unit is: an item in scope may be handled by a unit outside it. */
  async get(caller: Caller | null, id: string): Promise<Unit> {
    requireCaller(caller);
    const unit = await this.dataSource.getRepository(Unit).findOneBy({ id });
    if (!unit) throw new DomainError(ErrorCode.NotFound, '未找到该单位', { id });
    return unit;
  }

  /** Units of one region subtree in the caller's scope (the caller's own by default). */
  list(caller: Caller | null, filter: UnitFilter | null | undefined, page: PageArgs): Promise<Page<Unit>> {
    const regionCode = filter?.regionCode == null ? requireCaller(caller).regionCode : requireRegionCode(filter.regionCode, 'filter.regionCode');
    requireAnyPermission(caller, ORG_READERS, regionCode);
    const query = this.dataSource
      .getRepository(Unit)
      .createQueryBuilder('unit')
      .where('unit.regionCode LIKE :subtree', { subtree: `${subtreePrefix(regionCode)}%` });
    if (filter?.kind != null) query.andWhere('unit.kind = :kind', { kind: filter.kind });
    if (filter?.category != null) query.andWhere('unit.category = :category', { category: filter.category });
    whereNameContains(query, 'unit.name', filter?.nameContains);
    return paginate(
      query,
      [
        { column: 'unit.regionCode', property: 'regionCode' },
        { column: 'unit.name', property: 'name' },
        { column: 'unit.id', property: 'id' },
      ],
      page,
    );
  }

  /**
   * Which unit each of `names` means for an item of `regionCode` (see `matchUnitName`), for
   * reading the names in an imported sheet. Names are public like `get`.
   */
  async matchNames(caller: Caller | null, names: readonly string[], regionCode: string): Promise<UnitNameMatch[]> {
    requireCaller(caller);
    requireRegionCode(regionCode);
    if (names.length > MAX_NAMES) throw new DomainError(ErrorCode.BadUserInput, `一次至多查询${MAX_NAMES}个名称`, { field: 'names' });
    names.forEach((name, i) => requireText(name, `names[${i}]`, '单位名称', 128));
    // Compared in memory: the database cannot fold width (a few short columns of every unit).
    const index = unitNameIndex(await this.dataSource.getRepository(Unit).find());
    return names.map((name) => matchUnitName(index, name, regionCode));
  }

  create(caller: Caller | null, input: CreateUnitInput): Promise<Unit> {
    requirePermission(caller, Permission.ORG_ADMIN);
    const unit: Unit = { id: randomUUID(), name: requireName(input.name), kind: input.kind, category: input.category ?? null, regionCode: input.regionCode };
    return inTransaction(this.dataSource, async (manager) => {
      await requireAdminRegion(manager, caller, unit.regionCode);
      await requireFreeName(manager, unit);
      await manager.insert(Unit, unit);
      return unit;
    });
  }

  /** Changes the fields given; moving a unit needs both its old and its new region in scope. */
  update(caller: Caller | null, id: string, input: UpdateUnitInput): Promise<Unit> {
    requirePermission(caller, Permission.ORG_ADMIN);
    const name = input.name == null ? undefined : requireName(input.name);
    return inTransaction(this.dataSource, async (manager) => {
      const current = await manager.findOneBy(Unit, { id });
      if (!current) throw new DomainError(ErrorCode.NotFound, '未找到该单位', { id });
      requirePermission(caller, Permission.ORG_ADMIN, current.regionCode);
      const next: Unit = {
        ...current,
        name: name ?? current.name,
        kind: input.kind ?? current.kind,
        category: input.category === undefined ? current.category : input.category,
        regionCode: input.regionCode ?? current.regionCode,
      };
      if (next.regionCode !== current.regionCode) {
        await requireAdminRegion(manager, caller, next.regionCode);
        await requireUnitMovable(manager, current, next.regionCode);
      }
      if (next.name !== current.name || next.regionCode !== current.regionCode) await requireFreeName(manager, next);
      await manager.update(Unit, { id }, { name: next.name, kind: next.kind, category: next.category, regionCode: next.regionCode });
      return next;
    });
  }
}
