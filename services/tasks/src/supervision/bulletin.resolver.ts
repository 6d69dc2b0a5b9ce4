import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { PageArgs, type Page } from '@bizenv/common/connection';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../region/region.js';
import { Unit } from '../unit/unit.js';
import { BulletinEntry } from './bulletin-entry.entity.js';
import { Bulletin } from './bulletin.entity.js';
import type { BulletinService } from './bulletin.service.js';
import { BulletinConnection } from './supervision-connection.js';
import { BulletinFilter, PublishBulletinInput } from './supervision-inputs.js';

export interface BulletinContext extends SubgraphContext {
  bulletins: BulletinService;
}

@Resolver(() => Bulletin)
export class BulletinResolver {
  @Query(() => Bulletin, { nullable: true })
  bulletin(@Arg('id', () => ID) id: string, @Ctx() ctx: BulletinContext): Promise<Bulletin> {
    return ctx.bulletins.get(ctx.caller, id);
  }

  @Query(() => BulletinConnection, { description: '通报分页列表，新的在前；通报是公开文件，区域内可查看任务的账号均可查看' })
  bulletins(
    @Arg('filter', () => BulletinFilter, { nullable: true }) filter: BulletinFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: BulletinContext,
  ): Promise<Page<Bulletin>> {
    return ctx.bulletins.list(ctx.caller, filter ?? {}, page);
  }

  @Mutation(() => Bulletin, { description: '发布通报，点名表扬或批评单位（督办人员）' })
  publishBulletin(@Arg('input', () => PublishBulletinInput) input: PublishBulletinInput, @Ctx() ctx: BulletinContext): Promise<Bulletin> {
    return ctx.bulletins.publish(ctx.caller, input);
  }

  @FieldResolver(() => [BulletinEntry], { description: '点名的单位，批评在前' })
  entries(@Root() bulletin: Bulletin, @Ctx() ctx: BulletinContext): Promise<BulletinEntry[]> {
    return ctx.bulletins.entries(bulletin);
  }

  @FieldResolver(() => Region)
  region(@Root() bulletin: Bulletin): Region {
    return { code: bulletin.regionCode };
  }
}

@Resolver(() => BulletinEntry)
export class BulletinEntryResolver {
  @FieldResolver(() => Unit)
  unit(@Root() entry: BulletinEntry): Unit {
    return { id: entry.unitId };
  }
}
