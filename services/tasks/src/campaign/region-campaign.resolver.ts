import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Region } from '../region/region.js';
import type { TaskContext } from '../task/task.resolver.js';
import { Campaign } from './campaign.entity.js';

@Resolver(() => Region)
export class RegionCampaignResolver {
  @FieldResolver(() => Campaign, { nullable: true, description: '本区域今天正在进行的活动方案（最近开始的一个）；不含上级区域的方案' })
  currentCampaign(@Root() region: Region, @Ctx() ctx: TaskContext): Promise<Campaign | null> {
    return ctx.campaigns.current(ctx.caller, region.code);
  }
}
