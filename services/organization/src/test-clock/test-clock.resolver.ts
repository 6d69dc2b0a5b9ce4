import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { TestClock } from './test-clock.js';
import type { TestClockService } from './test-clock.service.js';

export interface TestClockContext extends SubgraphContext {
  testClock: TestClockService;
}

@Resolver()
export class TestClockResolver {
  @Query(() => TestClock, { description: '系统当前时间（含测试时钟偏移）' })
  testClock(@Ctx() ctx: TestClockContext): TestClock {
    return ctx.testClock.read();
  }

  @Mutation(() => TestClock, { description: '测试时钟快进（需系统管理权限，仅非生产模式）：所有期限、亮灯与计数随之变化' })
  advanceClock(@Arg('seconds', () => Int) seconds: number, @Ctx() ctx: TestClockContext): Promise<TestClock> {
    return ctx.testClock.advance(ctx.caller, seconds);
  }
}
