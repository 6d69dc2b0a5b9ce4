import 'reflect-metadata';
import { buildFederatedSchema } from '@bizenv/common/schema';
import type { SubgraphDefinition } from '@bizenv/common/subgraph';
import { Initial1763900000000 } from './migrations/1763900000000-initial.js';
import { resolveRegionReference } from './region/region.reference.js';
import { Region } from './region/region.entity.js';
import { RegionResolver } from './region/region.resolver.js';
import { RegionService } from './region/region.service.js';
import { seedOrganization } from './seed.js';
import { resolveUnitReference } from './unit/unit.reference.js';
import { Unit } from './unit/unit.entity.js';
import { UnitResolver } from './unit/unit.resolver.js';
import { UnitService } from './unit/unit.service.js';
import { TestClockResolver } from './test-clock/test-clock.resolver.js';
import { TestClockService } from './test-clock/test-clock.service.js';
import { SessionResolver } from './user/session.resolver.js';
import { SessionService } from './user/session.service.js';
import { User } from './user/user.entity.js';

export function buildOrganizationSchema() {
  return buildFederatedSchema(
    { resolvers: [RegionResolver, UnitResolver, SessionResolver, TestClockResolver] },
    { Region: { __resolveReference: resolveRegionReference }, Unit: { __resolveReference: resolveUnitReference } },
  );
}

export function organizationSubgraph(options: { authSecret: Uint8Array; production: boolean }): SubgraphDefinition<Record<string, unknown>> {
  return {
    name: 'organization',
    entities: [Region, Unit, User],
    migrations: [Initial1763900000000],
    buildSchema: buildOrganizationSchema,
    createDeps: (dataSource, outbox) => ({
      regions: new RegionService(dataSource),
      units: new UnitService(dataSource),
      sessions: new SessionService(dataSource, options.authSecret),
      testClock: new TestClockService(outbox, options.production),
    }),
    seed: seedOrganization,
  };
}
