import 'reflect-metadata';
import { buildFederatedSchema } from '@bizenv/common/schema';
import type { SubgraphDefinition } from '@bizenv/common/subgraph';
import { Initial1763900000000 } from './migrations/1763900000000-initial.js';
import { TaskLeadUnitIndex1763900000001 } from './migrations/1763900000001-task-lead-unit-index.js';
import { resolveRegionReference } from './region/region.reference.js';
import { RegionTasksResolver } from './region/region.resolver.js';
import { seedTasks } from './seed.js';
import { resolveTaskReference } from './task/task.reference.js';
import { TaskResolver } from './task/task.resolver.js';
import { SupervisedTask } from './task/task.entity.js';
import { TaskService } from './task/task.service.js';

export function buildTasksSchema() {
  return buildFederatedSchema(
    { resolvers: [TaskResolver, RegionTasksResolver] },
    { Region: { __resolveReference: resolveRegionReference }, SupervisedTask: { __resolveReference: resolveTaskReference } },
  );
}

export function tasksSubgraph(): SubgraphDefinition<{ tasks: TaskService }> {
  return {
    name: 'tasks',
    entities: [SupervisedTask],
    migrations: [Initial1763900000000, TaskLeadUnitIndex1763900000001],
    buildSchema: buildTasksSchema,
    createDeps: (dataSource, outbox) => ({ tasks: new TaskService(dataSource, outbox) }),
    deadlines: (deps) => [deps.tasks.deadlines],
    seed: seedTasks,
  };
}
