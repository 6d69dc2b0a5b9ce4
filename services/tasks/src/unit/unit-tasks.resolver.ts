import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { requireCaller } from '@bizenv/common/auth';
import { requireRegionCode } from '@bizenv/common/validate';
import type { LedgerContext } from '../ledger/ledger.resolver.js';
import { TaskStats } from '../task/task-stats.js';
import type { TaskContext } from '../task/task.resolver.js';
import { Unit } from './unit.js';

@Resolver(() => Unit)
export class UnitTasksResolver {
  @FieldResolver(() => TaskStats, {
    nullable: true,
    description: '本单位牵头的督办任务和负责的整改问题统计，限于所给区域（含全部下级；默认本账号的范围）',
  })
  async taskStats(
    @Root() unit: Unit,
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Ctx() ctx: TaskContext & LedgerContext,
  ): Promise<TaskStats> {
    const region = regionCode == null ? requireCaller(ctx.caller).regionCode : requireRegionCode(regionCode, 'regionCode');
    const [tasks, problems] = await Promise.all([ctx.tasks.stats(ctx.caller, region, unit.id), ctx.ledger.stats(ctx.caller, region, unit.id)]);
    return { ...tasks, problemsOpen: problems.open, problemsClosed: problems.closed, problemsOverdue: problems.overdue };
  }
}
