import { requireCaller, requireRegion, type Caller } from '@bizenv/common/auth';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { subtreePrefix } from '@bizenv/common/region-code';
import { Like, type DataSource } from 'typeorm';
import { Unit } from './unit.entity.js';

export class UnitService {
  constructor(private readonly dataSource: DataSource) {}

  /** Any signed-in caller may see who a unit is: an item in scope may be handled by a unit outside it. */
  async get(caller: Caller | null, id: string): Promise<Unit> {
    requireCaller(caller);
    const unit = await this.dataSource.getRepository(Unit).findOneBy({ id });
    if (!unit) throw new DomainError(ErrorCode.NotFound, '未找到该单位', { id });
    return unit;
  }

  /** Units of a region's whole subtree. */
  list(caller: Caller | null, regionCode: string): Promise<Unit[]> {
    requireRegion(caller, regionCode);
    return this.dataSource.getRepository(Unit).find({
      where: { regionCode: Like(`${subtreePrefix(regionCode)}%`) },
      order: { regionCode: 'ASC', name: 'ASC' },
    });
  }
}
