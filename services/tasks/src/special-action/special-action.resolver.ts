import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Campaign } from '../campaign/campaign.entity.js';
import { Person } from '../person/person.js';
import { UnitRole } from '../task/task-unit.entity.js';
import type { TaskContext } from '../task/task.resolver.js';
import { Unit } from '../unit/unit.js';
import { CreateSpecialActionInput } from './special-action-inputs.js';
import { SpecialAction } from './special-action.entity.js';
import type { SpecialActionWithUnits } from './special-action.service.js';

const unitsOf = (action: SpecialActionWithUnits, role: UnitRole): Unit[] => action.units.filter((u) => u.role === role).map((u) => ({ id: u.unitId }));

@Resolver(() => SpecialAction)
export class SpecialActionResolver {
  @Mutation(() => SpecialAction, { description: '登记专项整治（专项行动）' })
  createSpecialAction(@Arg('input', () => CreateSpecialActionInput) input: CreateSpecialActionInput, @Ctx() ctx: TaskContext): Promise<SpecialActionWithUnits> {
    return ctx.specialActions.create(ctx.caller, input);
  }

  @FieldResolver(() => Campaign)
  campaign(@Root() action: SpecialAction, @Ctx() ctx: TaskContext): Promise<Campaign> {
    return ctx.campaigns.ofItem(action.campaignId);
  }

  @FieldResolver(() => Person, { nullable: true, description: '牵头领导' })
  leadLeader(@Root() action: SpecialAction): Person | null {
    return action.leadLeaderId ? { id: action.leadLeaderId } : null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: '总责任单位' })
  overallUnit(@Root() action: SpecialAction): Unit | null {
    return action.overallUnitId ? { id: action.overallUnitId } : null;
  }

  @FieldResolver(() => [Unit], { description: '牵头单位' })
  leadUnits(@Root() action: SpecialActionWithUnits): Unit[] {
    return unitsOf(action, UnitRole.LEAD);
  }

  @FieldResolver(() => [Unit], { description: '责任单位' })
  responsibleUnits(@Root() action: SpecialActionWithUnits): Unit[] {
    return unitsOf(action, UnitRole.CO);
  }
}
