import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { ComplaintStats } from '../complaint/complaint-stats.js';
import type { ScopedStats } from '../stats/complaint-stats.service.js';
import type { DueSoonCounter } from './complaint-due-soon.js';

export interface DueSoonContext extends SubgraphContext {
  dueSoon: DueSoonCounter;
}

@Resolver(() => ComplaintStats)
export class ComplaintStatsDueSoonResolver {
  // The statistics were allowed for their scope when they were made (region or unit statistics).
  @FieldResolver(() => Int, { description: '临期（黄灯）：未办结、未超期，当前期限在黄灯提前量（默认1个工作日）之内' })
  dueSoon(@Root() stats: ScopedStats, @Ctx() ctx: DueSoonContext): Promise<number> {
    return ctx.dueSoon.count(stats.scope);
  }
}
