import { PageArgs, type Page } from '@bizenv/common/connection';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { TaskContext } from '../task/task.resolver.js';
import { SupervisedTask } from '../task/task.entity.js';
import { Unit } from '../unit/unit.js';
import { ProgressReportConnection } from './progress-report-connection.js';
import { ProgressReportFilter, SubmitProgressReportInput } from './progress-report-inputs.js';
import { ProgressReport } from './progress-report.entity.js';
import { now } from '@bizenv/common/clock';
import { periodOfKey } from './report-period.js';

@Resolver(() => ProgressReport)
export class ProgressReportResolver {
  @Query(() => ProgressReportConnection, { description: '进度报告分页列表（含应报未报的），按截止时间先后' })
  progressReports(
    @Arg('filter', () => ProgressReportFilter, { nullable: true }) filter: ProgressReportFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: TaskContext,
  ): Promise<Page<ProgressReport>> {
    return ctx.reports.list(ctx.caller, filter ?? {}, page);
  }

  @Mutation(() => [ProgressReport], { description: '报送进度报告（承办单位账号仅限本单位；督办人员可代报）' })
  submitProgressReport(@Arg('input', () => SubmitProgressReportInput) input: SubmitProgressReportInput, @Ctx() ctx: TaskContext): Promise<ProgressReport[]> {
    return ctx.reports.submit(ctx.caller, input);
  }

  @FieldResolver(() => SupervisedTask)
  task(@Root() report: ProgressReport, @Ctx() ctx: TaskContext): Promise<SupervisedTask> {
    return ctx.tasks.get(ctx.caller, report.taskId);
  }

  @FieldResolver(() => Unit, { description: '报送单位（牵头单位）' })
  unit(@Root() report: ProgressReport): Unit {
    return { id: report.unitId };
  }

  @FieldResolver(() => String, { description: '报送期，如“2026年3月”“2026年第一季度”' })
  periodLabel(@Root() report: ProgressReport): string {
    return periodOfKey(report.cadence, report.period)?.label ?? report.period;
  }

  @FieldResolver(() => Boolean, { description: '缺报：已过截止时间仍未报送' })
  missing(@Root() report: ProgressReport): boolean {
    return !report.submittedAt && report.dueAt < now();
  }

  @FieldResolver(() => Boolean, { description: '逾期报送：报送时已过截止时间' })
  late(@Root() report: ProgressReport): boolean {
    return Boolean(report.submittedAt && report.submittedAt > report.dueAt);
  }
}
