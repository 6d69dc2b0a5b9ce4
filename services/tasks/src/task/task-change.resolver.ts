import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { PlanItemKind } from '../plan-change/plan-change-enums.js';
import { PlanChange } from '../plan-change/plan-change.entity.js';
import { UpdateSupervisedTaskInput } from './task-change-inputs.js';
import { SupervisedTask } from './task.entity.js';
import type { TaskContext } from './task.resolver.js';

const VERSION = { description: '操作前看到的版本号；已被他人修改时返回 CONFLICT' };

@Resolver(() => SupervisedTask)
export class TaskChangeResolver {
  @Mutation(() => SupervisedTask, { description: '修改推进中的督办任务（只改给出的字段；改完成时限或目标即重算亮灯和目标进度）；权限同登记' })
  updateSupervisedTask(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int, VERSION) expectedVersion: number,
    @Arg('input', () => UpdateSupervisedTaskInput) input: UpdateSupervisedTaskInput,
    @Ctx() ctx: TaskContext,
  ): Promise<SupervisedTask> {
    return ctx.taskChanges.update(ctx.caller, id, expectedVersion, input);
  }

  @Mutation(() => SupervisedTask, { description: '撤销误登记的推进中任务：保留记录（可按编号查看），不再计入列表和统计；权限同登记' })
  withdrawSupervisedTask(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int, VERSION) expectedVersion: number,
    @Arg('reason', () => String, { description: '撤销原因，1–200字' }) reason: string,
    @Ctx() ctx: TaskContext,
  ): Promise<SupervisedTask> {
    return ctx.taskChanges.withdraw(ctx.caller, id, expectedVersion, reason);
  }

  @FieldResolver(() => [PlanChange], { description: '修改与撤销记录（谁、何时、改了什么），按时间先后' })
  changeLog(@Root() task: SupervisedTask, @Ctx() ctx: TaskContext): Promise<PlanChange[]> {
    return ctx.planChanges.of(PlanItemKind.TASK, task.id);
  }
}
