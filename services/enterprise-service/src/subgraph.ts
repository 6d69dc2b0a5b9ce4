import 'reflect-metadata';
import { buildFederatedSchema } from '@bizenv/common/schema';
import type { SubgraphDefinition } from '@bizenv/common/subgraph';
import { AmbassadorAssignment } from './ambassador/ambassador-assignment.entity.js';
import { AmbassadorStatsService } from './ambassador/ambassador-stats.service.js';
import {
  AmbassadorAssignmentResolver,
  EnterpriseAmbassadorResolver,
  LeaderContactResolver,
  ProjectAmbassadorResolver,
} from './ambassador/ambassador.resolver.js';
import { AmbassadorService } from './ambassador/ambassador.service.js';
import { CoverageResolver } from './ambassador/coverage.resolver.js';
import { CoverageService } from './ambassador/coverage.service.js';
import { LeaderContact } from './ambassador/leader-contact.entity.js';
import type { EnterpriseServiceDeps } from './context.js';
import { resolveDemandReference } from './demand/demand.reference.js';
import { DemandResolver } from './demand/demand.resolver.js';
import { Demand } from './demand/demand.entity.js';
import { DemandService, demandDueSoon } from './demand/demand.service.js';
import { DemandTimelineEntry } from './demand/demand-timeline-entry.entity.js';
import { DemandTimelineResolver } from './demand/demand-timeline.resolver.js';
import { DemandClosedLoop1763900000010 } from './migrations/1763900000010-demand-closed-loop.js';
import { CreditCodeConfirmation } from './enterprise/credit-code-confirmation.entity.js';
import { resolveEnterpriseReference } from './enterprise/enterprise.reference.js';
import { EnterpriseResolver } from './enterprise/enterprise.resolver.js';
import { Enterprise } from './enterprise/enterprise.entity.js';
import { EnterpriseService } from './enterprise/enterprise.service.js';
import { Initial1763900000000 } from './migrations/1763900000000-initial.js';
import { ListIndexes1763900000001 } from './migrations/1763900000001-list-indexes.js';
import { ServiceRegistry1763900000002 } from './migrations/1763900000002-service-registry.js';
import { ExchangeResolver } from './exchange/exchange.resolver.js';
import { ExchangeService } from './exchange/exchange.service.js';
import { MonitoringPointResolver } from './monitoring-point/monitoring-point.resolver.js';
import { MonitoringPointService } from './monitoring-point/monitoring-point.service.js';
import { ProjectHelpMember } from './project/project-help-member.entity.js';
import { ProjectStageChange } from './project/project-stage-change.entity.js';
import { Project } from './project/project.entity.js';
import { resolveProjectReference } from './project/project.reference.js';
import { ProjectHelpMemberResolver, ProjectResolver } from './project/project.resolver.js';
import { ProjectService } from './project/project.service.js';
import { resolveRegionReference } from './region/region.reference.js';
import { RegionServiceResolver } from './region/region.resolver.js';
import { ServiceStatsResolver } from './region/service-stats.resolver.js';
import { ServiceStatsRatingsResolver, UnitServiceStatsRatingsResolver } from './region/demand-ratings.resolver.js';
import { ServiceStatsService } from './region/service-stats.service.js';
import { seedEnterpriseService } from './seed.js';
import { CalendarFollower } from '@bizenv/common/calendar-follower';
import { CalendarYearRecord } from '@bizenv/common/calendar-year';
import { bundledSchedules, WorkingCalendar } from '@bizenv/common/working-days';
import { recountDemands } from './demand/demand-recount.js';
import { CalendarYear1763900000009 } from './migrations/1763900000009-calendar-year.js';
import { resolveUnitReference } from './unit/unit.reference.js';
import { UnitServiceResolver } from './unit/unit.resolver.js';
import { VisitVisitor } from './visit/visit-visitor.entity.js';
import { Visit } from './visit/visit.entity.js';
import { VisitResolver } from './visit/visit.resolver.js';
import { VisitService } from './visit/visit.service.js';
import { RegionDemandsAtStartOfDayResolver } from './region/demands-at-start-of-day.resolver.js';
import { DemandsAtStartOfDayService } from './region/demands-at-start-of-day.service.js';
import { DemandTimelineAtIndex1763900000040 } from './migrations/1763900000040-demand-timeline-at-index.js';

export function buildEnterpriseServiceSchema() {
  return buildFederatedSchema(
    {
      resolvers: [
        EnterpriseResolver,
        DemandResolver,
        DemandTimelineResolver,
        RegionServiceResolver,
        RegionDemandsAtStartOfDayResolver,
        ServiceStatsResolver,
        ServiceStatsRatingsResolver,
        UnitServiceStatsRatingsResolver,
        UnitServiceResolver,
        ProjectResolver,
        ProjectHelpMemberResolver,
        AmbassadorAssignmentResolver,
        LeaderContactResolver,
        EnterpriseAmbassadorResolver,
        ProjectAmbassadorResolver,
        CoverageResolver,
        VisitResolver,
        MonitoringPointResolver,
        ExchangeResolver,
      ],
    },
    {
      Region: { __resolveReference: resolveRegionReference },
      Unit: { __resolveReference: resolveUnitReference },
      Enterprise: { __resolveReference: resolveEnterpriseReference },
      Demand: { __resolveReference: resolveDemandReference },
      Project: { __resolveReference: resolveProjectReference },
    },
  );
}

export function enterpriseServiceSubgraph(): SubgraphDefinition<EnterpriseServiceDeps> {
  return {
    name: 'enterprise-service',
    entities: [Enterprise, Demand, DemandTimelineEntry, CreditCodeConfirmation, Project, ProjectStageChange, ProjectHelpMember, AmbassadorAssignment, LeaderContact, Visit, VisitVisitor, CalendarYearRecord],
    migrations: [Initial1763900000000, ListIndexes1763900000001, ServiceRegistry1763900000002, CalendarYear1763900000009, DemandClosedLoop1763900000010, DemandTimelineAtIndex1763900000040],
    buildSchema: buildEnterpriseServiceSchema,
    createDeps: (dataSource, outbox) => {
      const enterprises = new EnterpriseService(dataSource, outbox);
      // Its own calendar: the years loaded at run time are this subgraph's (stored in its database).
      const calendar = new WorkingCalendar(bundledSchedules());
      const demands = new DemandService(dataSource, outbox, calendar);
      const projects = new ProjectService(dataSource, outbox, enterprises);
      const coverage = new CoverageService(dataSource);
      return {
        enterprises,
        demands,
        projects,
        coverage,
        serviceStats: new ServiceStatsService(dataSource, enterprises, demands, coverage),
        demandsAtStartOfDay: new DemandsAtStartOfDayService(dataSource),
        ambassadors: new AmbassadorService(dataSource, outbox, enterprises, projects),
        ambassadorStats: new AmbassadorStatsService(dataSource, demands),
        visits: new VisitService(dataSource, outbox, enterprises, demands),
        monitoringPoints: new MonitoringPointService(outbox, enterprises, demands),
        exchange: new ExchangeService(dataSource, outbox, enterprises, projects),
        calendar: new CalendarFollower('enterprise-service:calendar', dataSource, outbox, calendar, recountDemands),
      };
    },
    deadlines: (deps) => [deps.demands.deadlines, demandDueSoon],
    consumers: (deps) => [deps.calendar],
    seed: seedEnterpriseService,
  };
}
