import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { now } from '@bizenv/common/clock';
import { PageArgs, type Page } from '@bizenv/common/connection';
import { Light } from '@bizenv/common/lights';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Campaign } from '../campaign/campaign.entity.js';
import type { CampaignService } from '../campaign/campaign.service.js';
import { Region } from '../region/region.js';
import { ProgressReport } from '../report/progress-report.entity.js';
import type { ProgressReportService } from '../report/progress-report.service.js';
import { SpecialAction } from '../special-action/special-action.entity.js';
import type { SpecialActionService, SpecialActionWithUnits } from '../special-action/special-action.service.js';
import { Unit } from '../unit/unit.js';
import { DeadlineRule, deadlineText } from './deadline-rule.js';
import { TaskActual } from './task-actual.entity.js';
import { pacedTarget, type TaskActualService } from './task-actual.service.js';
import { SupervisedTaskConnection } from './task-connection.js';
import { CreateSupervisedTaskInput, ReportTaskActualInput, SupervisedTaskFilter } from './task-inputs.js';
import { taskLight } from './task-light.js';
import { paceValue } from './task-pace.js';
import type { TaskSheetService } from './task-sheet.service.js';
import { TaskStatus } from './task-status.js';
import { TaskTarget } from './task-target.js';
import { UnitRole } from './task-unit.entity.js';
import { SupervisedTask } from './task.entity.js';
import type { TaskService } from './task.service.js';
import type { TaskChangeService } from './task-change.service.js';
import type { PlanChangeLog } from '../plan-change/plan-change-log.js';
import type { CampaignChangeService } from '../campaign/campaign-change.service.js';
import type { SpecialActionChangeService } from '../special-action/special-action-change.service.js';

export interface TaskContext extends SubgraphContext {
  tasks: TaskService;
  campaigns: CampaignService;
  specialActions: SpecialActionService;
  reports: ProgressReportService;
  actuals: TaskActualService;
  sheets: TaskSheetService;
  taskChanges: TaskChangeService;
  campaignChanges: CampaignChangeService;
  specialActionChanges: SpecialActionChangeService;
  planChanges: PlanChangeLog;
}

@Resolver(() => SupervisedTask)
export class TaskResolver {
  @Query(() => SupervisedTask, { nullable: true })
  supervisedTask(@Arg('id', () => ID) id: string, @Ctx() ctx: TaskContext): Promise<SupervisedTask> {
    return ctx.tasks.get(ctx.caller, id);
  }

  @Query(() => SupervisedTaskConnection, { description: '督办任务分页列表，按完成时限先后；总数只计本账号可见的任务' })
  supervisedTasks(
    @Arg('filter', () => SupervisedTaskFilter, { nullable: true }) filter: SupervisedTaskFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: TaskContext,
  ): Promise<Page<SupervisedTask>> {
    return ctx.tasks.list(ctx.caller, filter ?? {}, page);
  }

  @Mutation(() => SupervisedTask, { description: '登记一项督办任务' })
  createSupervisedTask(@Arg('input', () => CreateSupervisedTaskInput) input: CreateSupervisedTaskInput, @Ctx() ctx: TaskContext): Promise<SupervisedTask> {
    return ctx.tasks.create(ctx.caller, input);
  }

  @Mutation(() => SupervisedTask, { description: '标记督办任务已完成' })
  completeSupervisedTask(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int, { description: '操作前看到的版本号；已被他人修改时返回 CONFLICT' }) expectedVersion: number,
    @Ctx() ctx: TaskContext,
  ): Promise<SupervisedTask> {
    return ctx.tasks.complete(ctx.caller, id, expectedVersion);
  }

  @Mutation(() => SupervisedTask, { description: '填报量化目标的实际值（牵头单位账号仅限本单位牵头的任务；督办人员可代填）' })
  reportTaskActual(@Arg('input', () => ReportTaskActualInput) input: ReportTaskActualInput, @Ctx() ctx: TaskContext): Promise<SupervisedTask> {
    return ctx.actuals.report(ctx.caller, input);
  }

  @FieldResolver(() => Unit, { description: '牵头单位（第一个）' })
  leadUnit(@Root() task: SupervisedTask): Unit {
    return { id: task.leadUnitId };
  }

  @FieldResolver(() => [Unit], { description: '牵头单位（按方案所列顺序）' })
  async leadUnits(@Root() task: SupervisedTask, @Ctx() ctx: TaskContext): Promise<Unit[]> {
    return (await ctx.tasks.units(task)).filter((u) => u.role === UnitRole.LEAD).map((u) => ({ id: u.unitId }));
  }

  @FieldResolver(() => [Unit], { description: '责任单位（配合单位）' })
  async responsibleUnits(@Root() task: SupervisedTask, @Ctx() ctx: TaskContext): Promise<Unit[]> {
    return (await ctx.tasks.units(task)).filter((u) => u.role === UnitRole.CO).map((u) => ({ id: u.unitId }));
  }

  @FieldResolver(() => Region)
  region(@Root() task: SupervisedTask): Region {
    return { code: task.regionCode };
  }

  @FieldResolver(() => Campaign, { nullable: true, description: '所属活动方案（能看到任务即能看到其方案，即使方案属于上级区域）' })
  campaign(@Root() task: SupervisedTask, @Ctx() ctx: TaskContext): Promise<Campaign> | Campaign | null {
    if (task.plan) return task.plan.campaign;
    return task.campaignId ? ctx.campaigns.ofItem(task.campaignId) : null;
  }

  @FieldResolver(() => SpecialAction, { nullable: true, description: '所属专项行动' })
  specialAction(@Root() task: SupervisedTask, @Ctx() ctx: TaskContext): Promise<SpecialActionWithUnits> | SpecialActionWithUnits | null {
    if (task.plan) return task.plan.specialAction;
    return task.specialActionId ? ctx.specialActions.ofItem(task.specialActionId) : null;
  }

  @FieldResolver(() => String, { description: '完成时限的方案表述，如“2026年9月底前”“2026年底前”' })
  deadlineText(@Root() task: SupervisedTask): string {
    return deadlineText(task.deadlineRule ?? DeadlineRule.DATE, task.deadline);
  }

  @FieldResolver(() => Boolean, { description: '未完成且已过完成时限' })
  overdue(@Root() task: SupervisedTask): boolean {
    return task.status === TaskStatus.IN_PROGRESS && task.deadline < now();
  }

  @FieldResolver(() => Light, { nullable: true, description: '亮灯：红灯超期；黄灯临近时限（5个工作日内）或落后于目标进度；绿灯其余；已完成或已撤销为空' })
  light(@Root() task: SupervisedTask): Light | null {
    return taskLight(task, now());
  }

  @FieldResolver(() => Boolean, { description: '未完成且落后于目标进度（见 target.expectedNow）' })
  behindTarget(@Root() task: SupervisedTask): boolean {
    return task.status === TaskStatus.IN_PROGRESS && task.behindAt != null && task.behindAt <= now();
  }

  @FieldResolver(() => TaskTarget, { nullable: true, description: '量化目标；无则为空' })
  target(@Root() task: SupervisedTask): TaskTarget | null {
    const paced = pacedTarget(task);
    if (!paced) return null;
    return {
      baseline: paced.baseline,
      value: paced.target,
      unit: task.targetUnit ?? '',
      direction: paced.direction,
      text: task.targetText ?? null,
      latest: task.latestActual ?? null,
      expectedNow: paceValue(paced, now()),
    };
  }

  @FieldResolver(() => [TaskActual], { description: '实际值填报记录，最新的在前' })
  actuals(@Root() task: SupervisedTask, @Ctx() ctx: TaskContext): Promise<TaskActual[]> {
    return ctx.actuals.ofTask(task.id);
  }

  @FieldResolver(() => [ProgressReport], { description: '各期进度报告（含应报未报的）；承办单位账号只见本单位的' })
  progressReports(@Root() task: SupervisedTask, @Ctx() ctx: TaskContext): Promise<ProgressReport[]> {
    return ctx.reports.ofTask(ctx.caller, task);
  }
}
