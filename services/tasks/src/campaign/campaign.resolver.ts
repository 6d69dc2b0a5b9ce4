import { PageArgs, type Page } from '@bizenv/common/connection';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../region/region.js';
import { SpecialAction } from '../special-action/special-action.entity.js';
import type { TaskContext } from '../task/task.resolver.js';
import { CampaignStatus, daysLeft, spanOn, statusOn } from './campaign-calendar.js';
import { CampaignConnection } from './campaign-connection.js';
import { CampaignFilter, CreateCampaignInput } from './campaign-inputs.js';
import { CampaignPhase, Milestone } from './campaign-phase.entity.js';
import { today } from './campaign.service.js';
import { Campaign } from './campaign.entity.js';

@Resolver(() => Campaign)
export class CampaignResolver {
  @Query(() => Campaign, { nullable: true, description: '活动方案' })
  campaign(@Arg('id', () => ID) id: string, @Ctx() ctx: TaskContext): Promise<Campaign> {
    return ctx.campaigns.get(ctx.caller, id);
  }

  @Query(() => CampaignConnection, { description: '活动方案分页列表，按开始日期从新到旧' })
  campaigns(
    @Arg('filter', () => CampaignFilter, { nullable: true }) filter: CampaignFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: TaskContext,
  ): Promise<Page<Campaign>> {
    return ctx.campaigns.list(ctx.caller, filter ?? {}, page);
  }

  @Mutation(() => Campaign, { description: '登记活动方案及其阶段、时间节点' })
  createCampaign(@Arg('input', () => CreateCampaignInput) input: CreateCampaignInput, @Ctx() ctx: TaskContext): Promise<Campaign> {
    return ctx.campaigns.create(ctx.caller, input);
  }

  @FieldResolver(() => Region)
  region(@Root() campaign: Campaign): Region {
    return { code: campaign.regionCode };
  }

  @FieldResolver(() => [CampaignPhase], { description: '各阶段，按时间先后' })
  phases(@Root() campaign: Campaign, @Ctx() ctx: TaskContext): Promise<CampaignPhase[]> {
    return ctx.campaigns.phases(campaign.id);
  }

  @FieldResolver(() => CampaignStatus, { description: '今天（北京时间）的进展' })
  status(@Root() campaign: Campaign): CampaignStatus {
    return statusOn(campaign, today());
  }

  @FieldResolver(() => Int, { description: '距方案结束还剩天数（含今天，最后一天为1，结束后为0）' })
  daysLeft(@Root() campaign: Campaign): number {
    return daysLeft(campaign.endsOn, today());
  }

  @FieldResolver(() => CampaignPhase, { nullable: true, description: '今天所处阶段；阶段之间或方案之外为空' })
  async currentPhase(@Root() campaign: Campaign, @Ctx() ctx: TaskContext): Promise<CampaignPhase | null> {
    return spanOn(await ctx.campaigns.phases(campaign.id), today());
  }

  @FieldResolver(() => Milestone, { nullable: true, description: '今天及以后最近的时间节点' })
  async nextMilestone(@Root() campaign: Campaign, @Ctx() ctx: TaskContext): Promise<Milestone | null> {
    const day = today();
    const upcoming = (await ctx.campaigns.phases(campaign.id)).flatMap((phase) => phase.milestones).filter((m) => m.on >= day);
    return upcoming.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))[0] ?? null;
  }

  @FieldResolver(() => [SpecialAction], { description: '专项整治（专项行动），按序号' })
  specialActions(@Root() campaign: Campaign, @Ctx() ctx: TaskContext): Promise<SpecialAction[]> {
    return ctx.specialActions.ofCampaign(campaign);
  }
}

@Resolver(() => CampaignPhase)
export class CampaignPhaseResolver {
  @FieldResolver(() => Int, { description: '距本阶段结束还剩天数（含今天，结束后为0）' })
  daysLeft(@Root() phase: CampaignPhase): number {
    return daysLeft(phase.endsOn, today());
  }
}

@Resolver(() => Milestone)
export class MilestoneResolver {
  @FieldResolver(() => Int, { description: '距该节点还剩天数（含今天，节点当天为1，过后为0）' })
  daysLeft(@Root() milestone: Milestone): number {
    return daysLeft(milestone.on, today());
  }
}
