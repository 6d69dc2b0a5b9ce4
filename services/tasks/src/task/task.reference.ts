import type { SupervisedTask } from './task.entity.js';
import type { TaskContext } from './task.resolver.js';

/** Another subgraph naming a task gets it only if the caller may read it here. */
export function resolveTaskReference(reference: Pick<SupervisedTask, 'id'>, ctx: TaskContext): Promise<SupervisedTask> {
  return ctx.tasks.get(ctx.caller, reference.id);
}
