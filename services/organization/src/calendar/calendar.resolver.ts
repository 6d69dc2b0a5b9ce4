import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { LoadCalendarYearInput } from './calendar-inputs.js';
import { CalendarYear } from './calendar-year.entity.js';
import type { CalendarService } from './calendar.service.js';

export interface CalendarContext extends SubgraphContext {
  calendar: CalendarService;
}

@Resolver(() => CalendarYear)
export class CalendarResolver {
  @Query(() => [CalendarYear], { description: '工作日历：已知各年的节假日安排（内置年份及运行时载入的年份），按年份升序' })
  calendarYears(@Ctx() ctx: CalendarContext): Promise<CalendarYear[]> {
    return ctx.calendar.list(ctx.caller);
  }

  @Mutation(() => CalendarYear, {
    description: '载入一年的节假日安排（需系统管理权限）：此后受理的事项按其计算期限；未办结且未到期的投诉与诉求的期限随之重算，超出已知日历的“暂算”标记随之消除',
  })
  loadCalendarYear(@Arg('input', () => LoadCalendarYearInput) input: LoadCalendarYearInput, @Ctx() ctx: CalendarContext): Promise<CalendarYear> {
    return ctx.calendar.load(ctx.caller, input);
  }
}
