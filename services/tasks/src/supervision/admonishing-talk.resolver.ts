import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { PageArgs, type Page } from '@bizenv/common/connection';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Person } from '../person/person.js';
import { Region } from '../region/region.js';
import { Unit } from '../unit/unit.js';
import { AdmonishingTalk } from './admonishing-talk.entity.js';
import type { AdmonishingTalkService } from './admonishing-talk.service.js';
import { AdmonishingTalkConnection } from './supervision-connection.js';
import { AdmonishingTalkFilter, RecordAdmonishingTalkInput } from './supervision-inputs.js';

export interface AdmonishingTalkContext extends SubgraphContext {
  talks: AdmonishingTalkService;
}

@Resolver(() => AdmonishingTalk)
export class AdmonishingTalkResolver {
  @Query(() => AdmonishingTalk, { nullable: true })
  admonishingTalk(@Arg('id', () => ID) id: string, @Ctx() ctx: AdmonishingTalkContext): Promise<AdmonishingTalk> {
    return ctx.talks.get(ctx.caller, id);
  }

  @Query(() => AdmonishingTalkConnection, { description: '约谈记录分页列表，约谈日期新的在前；单位承办人只看本单位的' })
  admonishingTalks(
    @Arg('filter', () => AdmonishingTalkFilter, { nullable: true }) filter: AdmonishingTalkFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AdmonishingTalkContext,
  ): Promise<Page<AdmonishingTalk>> {
    return ctx.talks.list(ctx.caller, filter ?? {}, page);
  }

  @Mutation(() => AdmonishingTalk, { description: '登记约谈（督办人员）：工作推动不力、整改滞后或考评靠后的单位负责人' })
  recordAdmonishingTalk(@Arg('input', () => RecordAdmonishingTalkInput) input: RecordAdmonishingTalkInput, @Ctx() ctx: AdmonishingTalkContext): Promise<AdmonishingTalk> {
    return ctx.talks.record(ctx.caller, input);
  }

  @FieldResolver(() => Unit, { description: '被约谈单位' })
  unit(@Root() talk: AdmonishingTalk): Unit {
    return { id: talk.unitId };
  }

  @FieldResolver(() => Person, { description: '被约谈人' })
  person(@Root() talk: AdmonishingTalk): Person {
    return { id: talk.personId };
  }

  @FieldResolver(() => Person, { nullable: true, description: '约谈人' })
  conductedBy(@Root() talk: AdmonishingTalk): Person | null {
    return talk.conductedById ? { id: talk.conductedById } : null;
  }

  @FieldResolver(() => Region)
  region(@Root() talk: AdmonishingTalk): Region {
    return { code: talk.regionCode };
  }
}
