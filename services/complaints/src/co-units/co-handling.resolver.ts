import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { ComplaintTimelineEntry } from '../complaint/complaint-timeline-entry.entity.js';
import { Complaint } from '../complaint/complaint.entity.js';
import type { ComplaintContext } from '../complaint/complaint.resolver.js';
import { Unit } from '../unit/unit.js';
import type { CoHandlingService } from './co-handling.service.js';

export interface CoHandlingContext extends ComplaintContext {
  coHandling: CoHandlingService;
}

@Resolver(() => Complaint)
export class CoHandlingResolver {
  @FieldResolver(() => [Unit], { description: '协办单位：可查看本件并填写协办意见；签收、退回、答复由牵头单位（unit）办理' })
  async coUnits(@Root() complaint: Complaint, @Ctx() ctx: CoHandlingContext): Promise<Unit[]> {
    return (await ctx.coHandling.coUnits(ctx.caller, complaint)).map((id) => ({ id }));
  }

  @Mutation(() => Complaint, { description: '协办意见：协办单位承办人在办理记录中留言（不改变状态和版本号）' })
  addCoHandlingNote(@Arg('id', () => ID) id: string, @Arg('note', () => String, { description: '1–2000字' }) note: string, @Ctx() ctx: CoHandlingContext): Promise<Complaint> {
    return ctx.coHandling.addNote(ctx.caller, id, note);
  }
}

@Resolver(() => ComplaintTimelineEntry)
export class TimelineCoUnitsResolver {
  @FieldResolver(() => [Unit], { description: '转办时指定的协办单位' })
  coUnits(@Root() entry: ComplaintTimelineEntry): Unit[] {
    return entry.coUnitIds ? entry.coUnitIds.split(',').map((id) => ({ id })) : [];
  }
}
