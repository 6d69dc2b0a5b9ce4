import 'reflect-metadata';
import { CalendarFollower } from '@bizenv/common/calendar-follower';
import { CalendarYearRecord } from '@bizenv/common/calendar-year';
import { buildFederatedSchema } from '@bizenv/common/schema';
import type { SubgraphDefinition } from '@bizenv/common/subgraph';
import { bundledSchedules, WorkingCalendar } from '@bizenv/common/working-days';
import { recountTaskDeadlines } from './deadline/deadline-recount.js';
import { Initial1763900000000 } from './migrations/1763900000000-initial.js';
import { TaskLeadUnitIndex1763900000001 } from './migrations/1763900000001-task-lead-unit-index.js';
import { CalendarYear1763900000004 } from './migrations/1763900000004-calendar-year.js';
import { resolveRegionReference } from './region/region.reference.js';
import { RegionTasksResolver } from './region/region.resolver.js';
import { seedTasks } from './seed.js';
import { PLANNING_ENTITIES, PLANNING_MIGRATIONS, PLANNING_REFERENCES, PLANNING_RESOLVERS, planningDeadlines, planningDeps, type PlanningDeps } from './planning-parts.js';
import { resolveUnitReference } from './unit/unit.reference.js';
import { OVERSIGHT_ENTITIES, OVERSIGHT_MIGRATIONS, OVERSIGHT_RESOLVERS, oversightDeadlines, oversightDeps, type OversightDeps } from './oversight-parts.js';

export function buildTasksSchema() {
  return buildFederatedSchema(
    { resolvers: [RegionTasksResolver, ...PLANNING_RESOLVERS, ...OVERSIGHT_RESOLVERS] },
    { Region: { __resolveReference: resolveRegionReference }, ...PLANNING_REFERENCES, Unit: { __resolveReference: resolveUnitReference } },
  );
}

/** What the resolvers and the runner get: the two parts' services and the calendar follower. */
export type TasksDeps = PlanningDeps & OversightDeps & { calendar: CalendarFollower };

export function tasksSubgraph(): SubgraphDefinition<TasksDeps> {
  return {
    name: 'tasks',
    entities: [...PLANNING_ENTITIES, ...OVERSIGHT_ENTITIES, CalendarYearRecord],
    migrations: [Initial1763900000000, TaskLeadUnitIndex1763900000001, ...PLANNING_MIGRATIONS, ...OVERSIGHT_MIGRATIONS, CalendarYear1763900000004],
    buildSchema: buildTasksSchema,
    createDeps: (dataSource, outbox, peers) => {
      // Its own calendar: the years loaded at run time are this subgraph's (stored in its database).
      const calendar = new WorkingCalendar(bundledSchedules());
      return {
        ...planningDeps(dataSource, outbox, calendar, peers),
        ...oversightDeps(dataSource, outbox, calendar),
        calendar: new CalendarFollower('tasks:calendar', dataSource, outbox, calendar, recountTaskDeadlines),
      };
    },
    deadlines: (deps) => [...planningDeadlines(deps), ...oversightDeadlines(deps)],
    consumers: (deps) => [deps.calendar],
    seed: seedTasks,
  };
}
