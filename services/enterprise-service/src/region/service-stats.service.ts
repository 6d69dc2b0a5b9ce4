import { Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode } from '@bizenv/common/validate';
import { Like } from 'typeorm';
import type { DemandService } from '../demand/demand.service.js';
import type { EnterpriseService } from '../enterprise/enterprise.service.js';
import type { ServiceStats } from './service-stats.js';

export class ServiceStatsService {
  constructor(
    private readonly enterprises: EnterpriseService,
    private readonly demands: DemandService,
  ) {}

  /** Counts over the region's whole subtree. */
  async stats(caller: Caller | null, regionCode: string): Promise<ServiceStats> {
    // Shape first: "9901020000" lies within "990102" by prefix but its subtree is the province.
    requireRegionCode(regionCode, 'code');
    requirePermission(caller, Permission.STATS_READ, regionCode);
    const inSubtree = { regionCode: Like(`${subtreePrefix(regionCode)}%`) };
    const [enterprises, demands] = await Promise.all([this.enterprises.count(inSubtree), this.demands.countOpen(inSubtree)]);
    return { enterprises, openDemands: demands.open, overdueDemands: demands.overdue };
  }
}
