import 'reflect-metadata';
import { buildFederatedSchema } from '@bizenv/common/schema';
import type { SubgraphDefinition } from '@bizenv/common/subgraph';
import type { EnterpriseServiceDeps } from './context.js';
import { resolveDemandReference } from './demand/demand.reference.js';
import { DemandResolver } from './demand/demand.resolver.js';
import { Demand } from './demand/demand.entity.js';
import { DemandService } from './demand/demand.service.js';
import { resolveEnterpriseReference } from './enterprise/enterprise.reference.js';
import { EnterpriseResolver } from './enterprise/enterprise.resolver.js';
import { Enterprise } from './enterprise/enterprise.entity.js';
import { EnterpriseService } from './enterprise/enterprise.service.js';
import { Initial1763900000000 } from './migrations/1763900000000-initial.js';
import { ListIndexes1763900000001 } from './migrations/1763900000001-list-indexes.js';
import { resolveRegionReference } from './region/region.reference.js';
import { RegionServiceResolver } from './region/region.resolver.js';
import { ServiceStatsService } from './region/service-stats.service.js';
import { seedEnterpriseService } from './seed.js';

export function buildEnterpriseServiceSchema() {
  return buildFederatedSchema(
    { resolvers: [EnterpriseResolver, DemandResolver, RegionServiceResolver] },
    {
      Region: { __resolveReference: resolveRegionReference },
      Enterprise: { __resolveReference: resolveEnterpriseReference },
      Demand: { __resolveReference: resolveDemandReference },
    },
  );
}

export function enterpriseServiceSubgraph(): SubgraphDefinition<EnterpriseServiceDeps> {
  return {
    name: 'enterprise-service',
    entities: [Enterprise, Demand],
    migrations: [Initial1763900000000, ListIndexes1763900000001],
    buildSchema: buildEnterpriseServiceSchema,
    createDeps: (dataSource, outbox) => {
      const enterprises = new EnterpriseService(dataSource, outbox);
      const demands = new DemandService(dataSource);
      return { enterprises, demands, serviceStats: new ServiceStatsService(enterprises, demands) };
    },
    deadlines: (deps) => [deps.demands.deadlines],
    seed: seedEnterpriseService,
  };
}
