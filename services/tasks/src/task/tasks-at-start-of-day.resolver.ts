import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Region } from '../region/region.js';
import { TasksAtStartOfDay } from './tasks-at-start-of-day.js';
import type { TasksAtStartOfDayService } from './tasks-at-start-of-day.service.js';

export interface TasksAtStartOfDayContext extends SubgraphContext {
  tasksAtStartOfDay: TasksAtStartOfDayService;
}

@Resolver(() => Region)
export class RegionTasksAtStartOfDayResolver {
  @FieldResolver(() => TasksAtStartOfDay, {
    nullable: true,
    description: '本区域及全部下级今日零时（北京时间）的红灯、黄灯督办任务数，供“今日较零时”的变化使用；需统计权限',
  })
  tasksAtStartOfDay(@Root() region: Region, @Ctx() ctx: TasksAtStartOfDayContext): Promise<TasksAtStartOfDay> {
    return ctx.tasksAtStartOfDay.figures(ctx.caller, region.code);
  }
}
