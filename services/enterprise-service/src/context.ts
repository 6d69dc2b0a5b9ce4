import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import type { DemandService } from './demand/demand.service.js';
import type { EnterpriseService } from './enterprise/enterprise.service.js';
import type { ServiceStatsService } from './region/service-stats.service.js';

export interface EnterpriseServiceDeps {
  enterprises: EnterpriseService;
  demands: DemandService;
  serviceStats: ServiceStatsService;
}

export interface EnterpriseServiceContext extends SubgraphContext, EnterpriseServiceDeps {}
