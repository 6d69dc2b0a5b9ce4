import 'reflect-metadata';
import { buildFederatedSchema } from '@bizenv/common/schema';
import type { SubgraphDefinition } from '@bizenv/common/subgraph';
import { ApiKey } from './api-key/api-key.entity.js';
import { ApiKeyResolver } from './api-key/api-key.resolver.js';
import { ApiKeyService } from './api-key/api-key.service.js';
import { seedDemoApiKey } from './api-key/demo-api-key.js';
import { Initial1763900000000 } from './migrations/1763900000000-initial.js';
import { UnitCategory1763900000010 } from './migrations/1763900000010-unit-category.js';
import { PeopleAndGroups1763900000011 } from './migrations/1763900000011-people-and-groups.js';
import { ApiKeys1763900000012 } from './migrations/1763900000012-api-keys.js';
import { WorkingCalendar1763900000013 } from './migrations/1763900000013-working-calendar.js';
import { AuditAndLockout1763900000020 } from './migrations/1763900000020-audit-and-lockout.js';
import { AuditEntry } from '@bizenv/common/audit-entry.entity';
import { AuditLogReader } from '@bizenv/common/audit-read';
import { AccessDenials } from './audit/access-denials.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { CalendarYear } from './calendar/calendar-year.entity.js';
import { CalendarResolver } from './calendar/calendar.resolver.js';
import { CalendarService } from './calendar/calendar.service.js';
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
import { SessionResolver } from './person/session.resolver.js';
import { SessionService } from './person/session.service.js';
import { resolvePersonReference } from './person/person.reference.js';
import { Person } from './person/person.entity.js';
import { PersonResolver } from './person/person.resolver.js';
import { PersonService } from './person/person.service.js';
import { resolveGroupReference } from './group/group.reference.js';
import { GroupMember } from './group/group-member.entity.js';
import { Group } from './group/group.entity.js';
import { GroupResolver } from './group/group.resolver.js';
import { GroupService } from './group/group.service.js';

export function buildOrganizationSchema() {
  return buildFederatedSchema(
    { resolvers: [RegionResolver, UnitResolver, SessionResolver, PersonResolver, GroupResolver, TestClockResolver, ApiKeyResolver, CalendarResolver, AuditResolver] },
    {
      Region: { __resolveReference: resolveRegionReference },
      Unit: { __resolveReference: resolveUnitReference },
      Person: { __resolveReference: resolvePersonReference },
      Group: { __resolveReference: resolveGroupReference },
    },
  );
}

export function organizationSubgraph(options: { authSecret: Uint8Array; production: boolean }): SubgraphDefinition<Record<string, unknown>> {
  return {
    name: 'organization',
    entities: [Region, Unit, Person, Group, GroupMember, ApiKey, CalendarYear, AuditEntry],
    migrations: [Initial1763900000000, UnitCategory1763900000010, PeopleAndGroups1763900000011, ApiKeys1763900000012, WorkingCalendar1763900000013, AuditAndLockout1763900000020],
    buildSchema: buildOrganizationSchema,
    createDeps: (dataSource, outbox) => ({
      regions: new RegionService(dataSource),
      units: new UnitService(dataSource),
      sessions: new SessionService(dataSource, options.authSecret),
      people: new PersonService(dataSource),
      groups: new GroupService(dataSource),
      testClock: new TestClockService(outbox, options.production),
      apiKeys: new ApiKeyService(dataSource),
      calendar: new CalendarService(dataSource, outbox),
      auditLog: new AuditLogReader(dataSource),
      accessDenials: new AccessDenials(dataSource),
    }),
    seed: async (dataSource) => {
      await seedOrganization(dataSource);
      await seedDemoApiKey(dataSource, options.authSecret);
    },
  };
}
