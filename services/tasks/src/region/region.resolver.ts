import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { TaskStats } from '../task/task-stats.js';
import type { TaskContext } from '../task/task.resolver.js';
import { Region } from './region.js';

@Resolver(() => Region)
export class RegionTasksResolver {
  @FieldResolver(() => TaskStats, { nullable: true, description: '本区域及全部下级的督办任务统计' })
  taskStats(@Root() region: Region, @Ctx() ctx: TaskContext): Promise<TaskStats> {
    return ctx.tasks.stats(ctx.caller, region.code);
  }
}
