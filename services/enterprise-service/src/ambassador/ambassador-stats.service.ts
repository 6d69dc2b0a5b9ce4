import { Permission, requireCaller, requirePermission, type Caller } from '@bizenv/common/auth';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode, requireUuid } from '@bizenv/common/validate';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { Demand } from '../demand/demand.entity.js';
import type { DemandService } from '../demand/demand.service.js';
import { VisitVisitor } from '../visit/visit-visitor.entity.js';
import { Visit } from '../visit/visit.entity.js';
import { AmbassadorAssignment } from './ambassador-assignment.entity.js';
import type { AmbassadorStats } from './ambassador-stats.js';

/** Per ambassador: each count one indexed query, starting from the person's rows. */
export class AmbassadorStatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly demands: DemandService,
  ) {}

  async stats(caller: Caller | null, personId: string, regionCode: string | null | undefined): Promise<AmbassadorStats> {
    requireUuid(personId, 'personId', '服务大使');
    if (regionCode != null) requireRegionCode(regionCode, 'regionCode');
    const region = regionCode ?? requireCaller(caller).regionCode;
    requirePermission(caller, Permission.STATS_READ, region);
    const prefix = `${subtreePrefix(region)}%`;
    const assigned = (target: 'enterpriseId' | 'projectId') =>
      this.dataSource
        .getRepository(AmbassadorAssignment)
        .createQueryBuilder('a')
        .select(`COUNT(DISTINCT a.${target})`, 'n')
        .where('a.personId = :personId AND a.until IS NULL', { personId })
        .andWhere(`a.${target} IS NOT NULL`)
        .andWhere('a.targetRegionCode LIKE :prefix', { prefix });
    const raised = () =>
      this.dataSource
        .getRepository(Demand)
        .createQueryBuilder('d')
        .innerJoin(VisitVisitor, 'vv', 'vv.visitId = d.visitId')
        .where('vv.personId = :personId', { personId })
        .andWhere('d.regionCode LIKE :prefix', { prefix });
    const [enterprises, projects, visits, demandsRaised, demandsClosed, ratings] = await Promise.all([
      count(assigned('enterpriseId')),
      count(assigned('projectId')),
      this.dataSource
        .getRepository(VisitVisitor)
        .createQueryBuilder('vv')
        .innerJoin(Visit, 'v', 'v.id = vv.visitId')
        .where('vv.personId = :personId', { personId })
        .andWhere('v.regionCode LIKE :prefix', { prefix })
        .getCount(),
      raised().getCount(),
      raised().andWhere('d.status = :closed', { closed: DispatchStatus.CLOSED }).getCount(),
      this.demands.ratings({ regionCode: region, visitorId: personId }),
    ]);
    return { personId, enterprises, projects, visits, demandsRaised, demandsClosed, demandRatings: ratings.rated, demandSatisfaction: ratings.satisfaction };
  }
}

async function count<T extends object>(query: SelectQueryBuilder<T>): Promise<number> {
  return Number((await query.getRawOne<{ n: string | number }>())?.n ?? 0);
}
