import { Permission, requireListScope, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode } from '@bizenv/common/validate';
import { Like, MoreThanOrEqual, type DataSource } from 'typeorm';
import type { AmbassadorCoverage } from '../ambassador/coverage.js';
import type { CoverageService } from '../ambassador/coverage.service.js';
import type { DemandRatings, DemandService } from '../demand/demand.service.js';
import type { EnterpriseService } from '../enterprise/enterprise.service.js';
import { ProjectStage } from '../project/project-stage.js';
import { Project } from '../project/project.entity.js';
import { Visit } from '../visit/visit.entity.js';
import { startOfMonth, startOfQuarter } from './period.js';
import type { ProjectStageCount, ServiceStats, UnitServiceStats } from './service-stats.js';

export type EnterpriseFlag = 'isKey' | 'isMonitoringPoint' | 'inIncubationPool';

/** Statistics counted over a region's subtree; each count is one query on an index that starts with region (or flag, region). */
export class ServiceStatsService {
  private readonly coverageOf = new WeakMap<ServiceStats, Promise<AmbassadorCoverage>>();
  private readonly ratingsOf = new WeakMap<ServiceStats | UnitServiceStats, Promise<DemandRatings>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly enterprises: EnterpriseService,
    private readonly demands: DemandService,
    private readonly coverageCounts: CoverageService,
  ) {}

  /** Counts over the region's whole subtree. */
  async stats(caller: Caller | null, regionCode: string): Promise<ServiceStats> {
    // Shape first: "9901020000" lies within "990102" by prefix but its subtree is the province.
    requireRegionCode(regionCode, 'code');
    requirePermission(caller, Permission.STATS_READ, regionCode);
    const inSubtree = this.inSubtree(regionCode);
    const [enterprises, demands] = await Promise.all([this.enterprises.count(inSubtree), this.demands.countOpen(inSubtree)]);
    return { regionCode, enterprises, openDemands: demands.open, overdueDemands: demands.overdue };
  }

  /** The following take a `ServiceStats` whose region was checked by `stats`. */
  flagged({ regionCode }: ServiceStats, flag: EnterpriseFlag): Promise<number> {
    return this.enterprises.count({ ...this.inSubtree(regionCode), [flag]: true });
  }

  /** Every stage, none left out for having no projects. */
  async projectsByStage({ regionCode }: ServiceStats): Promise<ProjectStageCount[]> {
    const rows = await this.dataSource
      .getRepository(Project)
      .createQueryBuilder('p')
      .select('p.stage', 'stage')
      .addSelect('COUNT(*)', 'n')
      .where('p.regionCode LIKE :prefix', { prefix: `${subtreePrefix(regionCode)}%` })
      .groupBy('p.stage')
      .getRawMany<{ stage: ProjectStage; n: string | number }>();
    const counts = new Map(rows.map((row) => [row.stage, Number(row.n)]));
    return Object.values(ProjectStage).map((stage) => ({ stage, count: counts.get(stage) ?? 0 }));
  }

  keyProjects({ regionCode }: ServiceStats): Promise<number> {
    return this.dataSource.getRepository(Project).count({ where: { ...this.inSubtree(regionCode), isKey: true } });
  }

  /** Both coverage fields of one `ServiceStats` share one count. */
  async covered(stats: ServiceStats, kind: 'enterprises' | 'projects'): Promise<number> {
    let counting = this.coverageOf.get(stats);
    if (!counting) this.coverageOf.set(stats, (counting = this.coverageCounts.counts({ regionCode: stats.regionCode })));
    const coverage = await counting;
    return kind === 'enterprises' ? coverage.coveredKeyEnterprises : coverage.coveredKeyProjects;
  }

  /** Visits since the start of this month or quarter (Asia/Shanghai, by the system clock). */
  visits({ regionCode }: ServiceStats, period: 'month' | 'quarter'): Promise<number> {
    const since = period === 'month' ? startOfMonth(now()) : startOfQuarter(now());
    return this.dataSource.getRepository(Visit).count({ where: { ...this.inSubtree(regionCode), visitedAt: MoreThanOrEqual(since) } });
  }

  /**
   * A unit's demands within the caller's region (units live in the organization subgraph, so the
   * region is the caller's); a unit operator may ask about their own unit only.
   */
  async unitStats(caller: Caller | null, unitId: string): Promise<UnitServiceStats> {
    const scope = requireListScope(caller, Permission.STATS_READ);
    if (scope.unitId && scope.unitId !== unitId) {
      throw new DomainError(ErrorCode.Forbidden, '仅可查看本单位的统计');
    }
    const { open, overdue } = await this.demands.countOpen({ ...this.inSubtree(scope.regionCode), unitId });
    return { regionCode: scope.regionCode, unitId, openDemands: open, overdueDemands: overdue };
  }

  /** The fields of one `ServiceStats` (or a unit's) about ratings share one count. */
  ratings(stats: ServiceStats | UnitServiceStats): Promise<DemandRatings> {
    let counting = this.ratingsOf.get(stats);
    if (!counting) this.ratingsOf.set(stats, (counting = this.demands.ratings({ regionCode: stats.regionCode, unitId: 'unitId' in stats ? stats.unitId : undefined })));
    return counting;
  }

  private inSubtree(regionCode: string) {
    return { regionCode: Like(`${subtreePrefix(regionCode)}%`) };
  }
}
