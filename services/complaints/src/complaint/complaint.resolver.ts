import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { now } from '@bizenv/common/clock';
import { PageArgs, type Page } from '@bizenv/common/connection';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../region/region.js';
import { Unit } from '../unit/unit.js';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { ComplaintConnection } from './complaint-connection.js';
import { ActOnComplaintInput, ComplaintFilter, DispatchComplaintInput, ReceiveComplaintInput } from './complaint-inputs.js';
import { ComplaintTimelineEntry } from './complaint-timeline-entry.entity.js';
import { Complaint } from './complaint.entity.js';
import type { ComplaintService } from './complaint.service.js';

export interface ComplaintContext extends SubgraphContext {
  complaints: ComplaintService;
}

@Resolver(() => Complaint)
export class ComplaintResolver {
  @Query(() => Complaint, { nullable: true })
  complaint(@Arg('id', () => ID) id: string, @Ctx() ctx: ComplaintContext): Promise<Complaint> {
    return ctx.complaints.get(ctx.caller, id);
  }

  @Query(() => ComplaintConnection, { description: '投诉分页列表，按受理时间由新到旧；总数只计本账号可见的投诉' })
  complaints(
    @Arg('filter', () => ComplaintFilter, { nullable: true }) filter: ComplaintFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: ComplaintContext,
  ): Promise<Page<Complaint>> {
    return ctx.complaints.list(ctx.caller, filter ?? {}, page);
  }

  @Mutation(() => Complaint, { description: '受理：登记一件投诉举报，按工作日计算答复与办结期限' })
  receiveComplaint(@Arg('input', () => ReceiveComplaintInput) input: ReceiveComplaintInput, @Ctx() ctx: ComplaintContext): Promise<Complaint> {
    return ctx.complaints.receive(ctx.caller, input);
  }

  @Mutation(() => Complaint, { description: '转办：交承办单位办理' })
  dispatchComplaint(@Arg('input', () => DispatchComplaintInput) input: DispatchComplaintInput, @Ctx() ctx: ComplaintContext): Promise<Complaint> {
    return ctx.complaints.dispatch(ctx.caller, input);
  }

  @Mutation(() => Complaint, { description: '闭环操作：转办、签收、退回、答复、办结、重办、不予受理' })
  actOnComplaint(@Arg('input', () => ActOnComplaintInput) input: ActOnComplaintInput, @Ctx() ctx: ComplaintContext): Promise<Complaint> {
    return ctx.complaints.act(ctx.caller, input);
  }

  @FieldResolver(() => [ComplaintTimelineEntry], { description: '办理记录，按时间先后' })
  timeline(@Root() complaint: Complaint, @Ctx() ctx: ComplaintContext): Promise<ComplaintTimelineEntry[]> {
    return ctx.complaints.timeline(ctx.caller, complaint);
  }

  @FieldResolver(() => Region)
  region(@Root() complaint: Complaint): Region {
    return { code: complaint.regionCode };
  }

  @FieldResolver(() => Unit, { nullable: true, description: '承办单位（牵头单位；协办单位见 coUnits）' })
  unit(@Root() complaint: Complaint): Unit | null {
    return complaint.unitId ? { id: complaint.unitId } : null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: '被投诉单位（受理时登记的）' })
  subjectUnit(@Root() complaint: Complaint): Unit | null {
    return complaint.subjectUnitId ? { id: complaint.subjectUnitId } : null;
  }

  @FieldResolver(() => Boolean, { description: '未办结且已过当前期限' })
  overdue(@Root() complaint: Complaint): boolean {
    return complaint.dispatchStatus !== DispatchStatus.CLOSED && complaint.dueAt < now();
  }
}
