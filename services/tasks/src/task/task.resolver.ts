import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { now } from '@bizenv/common/clock';
import { PageArgs, type Page } from '@bizenv/common/connection';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../region/region.js';
import { Unit } from '../unit/unit.js';
import { SupervisedTaskConnection } from './task-connection.js';
import { CreateSupervisedTaskInput, SupervisedTaskFilter } from './task-inputs.js';
import { TaskStatus } from './task-status.js';
import { SupervisedTask } from './task.entity.js';
import type { TaskService } from './task.service.js';

export interface TaskContext extends SubgraphContext {
  tasks: TaskService;
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

  @FieldResolver(() => Unit, { description: '牵头单位' })
  leadUnit(@Root() task: SupervisedTask): Unit {
    return { id: task.leadUnitId };
  }

  @FieldResolver(() => Region)
  region(@Root() task: SupervisedTask): Region {
    return { code: task.regionCode };
  }

  @FieldResolver(() => Boolean, { description: '未完成且已过完成时限' })
  overdue(@Root() task: SupervisedTask): boolean {
    return task.status !== TaskStatus.DONE && task.deadline < now();
  }
}
