import type { SubgraphContext } from '@bizenv/common/subgraph-server';
import { now } from '@bizenv/common/clock';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../region/region.js';
import { Unit } from '../unit/unit.js';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { DispatchComplaintInput, ReceiveComplaintInput } from './complaint-inputs.js';
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

  @Mutation(() => Complaint, { description: '受理：登记一件投诉举报，按工作日计算答复与办结期限' })
  receiveComplaint(@Arg('input', () => ReceiveComplaintInput) input: ReceiveComplaintInput, @Ctx() ctx: ComplaintContext): Promise<Complaint> {
    return ctx.complaints.receive(ctx.caller, input);
  }

  @Mutation(() => Complaint, { description: '转办：交承办单位办理' })
  dispatchComplaint(@Arg('input', () => DispatchComplaintInput) input: DispatchComplaintInput, @Ctx() ctx: ComplaintContext): Promise<Complaint> {
    return ctx.complaints.dispatch(ctx.caller, input);
  }

  @FieldResolver(() => Region)
  region(@Root() complaint: Complaint): Region {
    return { code: complaint.regionCode };
  }

  @FieldResolver(() => Unit, { nullable: true, description: '承办单位' })
  unit(@Root() complaint: Complaint): Unit | null {
    return complaint.unitId ? { id: complaint.unitId } : null;
  }

  @FieldResolver(() => Boolean, { description: '未办结且已过当前期限' })
  overdue(@Root() complaint: Complaint): boolean {
    return complaint.dispatchStatus !== DispatchStatus.CLOSED && complaint.dueAt < now();
  }
}
