import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { PlanItemKind } from '../plan-change/plan-change-enums.js';
import { PlanChange } from '../plan-change/plan-change.entity.js';
import type { TaskContext } from '../task/task.resolver.js';
import { UpdateSpecialActionInput } from './special-action-inputs.js';
import { SpecialAction } from './special-action.entity.js';
import type { SpecialActionWithUnits } from './special-action.service.js';

const VERSION = { description: '操作前看到的版本号；已被他人修改时返回 CONFLICT' };

@Resolver(() => SpecialAction)
export class SpecialActionChangeResolver {
  @Mutation(() => SpecialAction, { description: '修改专项整治（专项行动）（只改给出的字段）；权限同登记' })
  updateSpecialAction(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int, VERSION) expectedVersion: number,
    @Arg('input', () => UpdateSpecialActionInput) input: UpdateSpecialActionInput,
    @Ctx() ctx: TaskContext,
  ): Promise<SpecialActionWithUnits> {
    return ctx.specialActionChanges.update(ctx.caller, id, expectedVersion, input);
  }

  @Mutation(() => SpecialAction, { description: '撤销误登记的专项行动：其下任务均已撤销时才可撤销；保留记录，不再出现在方案的专项行动中' })
  withdrawSpecialAction(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int, VERSION) expectedVersion: number,
    @Arg('reason', () => String, { description: '撤销原因，1–200字' }) reason: string,
    @Ctx() ctx: TaskContext,
  ): Promise<SpecialActionWithUnits> {
    return ctx.specialActionChanges.withdraw(ctx.caller, id, expectedVersion, reason);
  }

  @FieldResolver(() => [PlanChange], { description: '修改与撤销记录（谁、何时、改了什么），按时间先后' })
  changeLog(@Root() action: SpecialAction, @Ctx() ctx: TaskContext): Promise<PlanChange[]> {
    return ctx.planChanges.of(PlanItemKind.SPECIAL_ACTION, action.id);
  }
}
