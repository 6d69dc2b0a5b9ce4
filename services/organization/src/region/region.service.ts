import { requireCaller, requireRegion, type Caller } from '@bizenv/common/auth';
import { isWithin } from '@bizenv/common/region-code';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { DataSource } from 'typeorm';
import { Region } from './region.entity.js';

export class RegionService {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(Region);
  }

  async get(caller: Caller | null, code: string): Promise<Region> {
    requireRegion(caller, code);
    const region = await this.repository.findOneBy({ code });
    if (!region) throw new DomainError(ErrorCode.NotFound, '未找到该行政区划', { code });
    return region;
  }

  /** The children of `parentCode`, or the caller's own root when no parent is given. */
  async list(caller: Caller | null, parentCode?: string | null): Promise<Region[]> {
    if (!parentCode) return [await this.get(caller, requireCaller(caller).regionCode)];
    requireRegion(caller, parentCode);
    return this.repository.find({ where: { parentCode }, order: { code: 'ASC' } });
  }

  /** A parent outside the caller's scope is not revealed. */
  async parentOf(caller: Caller | null, region: Region): Promise<Region | null> {
    if (!region.parentCode || !caller || !isWithin(region.parentCode, caller.regionCode)) return null;
    return this.repository.findOneBy({ code: region.parentCode });
  }
}
