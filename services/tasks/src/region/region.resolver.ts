import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { LedgerContext } from '../ledger/ledger.resolver.js';
import { TaskStats } from '../task/task-stats.js';
import type { TaskContext } from '../task/task.resolver.js';
import { Region } from './region.js';

@Resolver(() => Region)
export class RegionTasksResolver {
  @FieldResolver(() => TaskStats, { nullable: true, description: '本区域及全部下级的督办任务统计' })
  async taskStats(@Root() region: Region, @Ctx() ctx: TaskContext & LedgerContext): Promise<TaskStats> {
    const [tasks, problems] = await Promise.all([ctx.tasks.stats(ctx.caller, region.code), ctx.ledger.stats(ctx.caller, region.code)]);
    return { ...tasks, problemsOpen: problems.open, problemsClosed: problems.closed, problemsOverdue: problems.overdue };
  }
}
