import type { CalendarFollower } from '@bizenv/common/calendar-follower';
import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import type { AmbassadorStatsService } from './ambassador/ambassador-stats.service.js';
import type { AmbassadorService } from './ambassador/ambassador.service.js';
import type { CoverageService } from './ambassador/coverage.service.js';
import type { DemandService } from './demand/demand.service.js';
import type { EnterpriseService } from './enterprise/enterprise.service.js';
import type { ExchangeService } from './exchange/exchange.service.js';
import type { MonitoringPointService } from './monitoring-point/monitoring-point.service.js';
import type { ProjectService } from './project/project.service.js';
import type { DemandsAtStartOfDayService } from './region/demands-at-start-of-day.service.js';
import type { ServiceStatsService } from './region/service-stats.service.js';
import type { VisitService } from './visit/visit.service.js';

export interface EnterpriseServiceDeps {
  enterprises: EnterpriseService;
  demands: DemandService;
  serviceStats: ServiceStatsService;
  demandsAtStartOfDay: DemandsAtStartOfDayService;
  projects: ProjectService;
  ambassadors: AmbassadorService;
  ambassadorStats: AmbassadorStatsService;
  coverage: CoverageService;
  visits: VisitService;
  monitoringPoints: MonitoringPointService;
  exchange: ExchangeService;
  /** Follows the calendar years organization loads at run time. */
  calendar: CalendarFollower;
}

export interface EnterpriseServiceContext extends SubgraphContext, EnterpriseServiceDeps {}
