import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { PlanItemKind } from '../plan-change/plan-change-enums.js';
import { PlanChange } from '../plan-change/plan-change.entity.js';
import type { TaskContext } from '../task/task.resolver.js';
import { UpdateCampaignInput } from './campaign-inputs.js';
import { Campaign } from './campaign.entity.js';

const VERSION = { description: '操作前看到的版本号；已被他人修改时返回 CONFLICT' };

@Resolver(() => Campaign)
export class CampaignChangeResolver {
  @Mutation(() => Campaign, { description: '修改活动方案（只改给出的字段）；权限同登记' })
  updateCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int, VERSION) expectedVersion: number,
    @Arg('input', () => UpdateCampaignInput) input: UpdateCampaignInput,
    @Ctx() ctx: TaskContext,
  ): Promise<Campaign> {
    return ctx.campaignChanges.update(ctx.caller, id, expectedVersion, input);
  }

  @Mutation(() => Campaign, { description: '撤销误登记的活动方案：其下任务、专项行动均已撤销且没有台账、通报、约谈等记录时才可撤销；保留记录，不再出现在列表中' })
  withdrawCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int, VERSION) expectedVersion: number,
    @Arg('reason', () => String, { description: '撤销原因，1–200字' }) reason: string,
    @Ctx() ctx: TaskContext,
  ): Promise<Campaign> {
    return ctx.campaignChanges.withdraw(ctx.caller, id, expectedVersion, reason);
  }

  @FieldResolver(() => [PlanChange], { description: '修改与撤销记录（谁、何时、改了什么），按时间先后' })
  changeLog(@Root() campaign: Campaign, @Ctx() ctx: TaskContext): Promise<PlanChange[]> {
    return ctx.planChanges.of(PlanItemKind.CAMPAIGN, campaign.id);
  }
}
