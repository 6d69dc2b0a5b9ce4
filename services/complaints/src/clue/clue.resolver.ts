import { PageArgs, type Page } from '@bizenv/common/connection';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ComplaintContext } from '../complaint/complaint.resolver.js';
import type { ClueService } from './clue.service.js';
import { Complaint } from '../complaint/complaint.entity.js';
import { ClueTransferConnection } from './clue-connection.js';
import { ClueFilter } from './clue-inputs.js';
import { ClueTransfer } from './clue-transfer.entity.js';

const DETAIL = '（仅纪委监委与提出人可见，其他受理人员为空）';

export interface ClueContext extends ComplaintContext {
  clues: ClueService;
}

@Resolver(() => ClueTransfer)
export class ClueTransferResolver {
  @Query(() => ClueTransferConnection, { description: '线索移交记录（纪委监委），按提出时间由新到旧' })
  clueTransfers(
    @Arg('filter', () => ClueFilter, { nullable: true }) filter: ClueFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: ClueContext,
  ): Promise<Page<ClueTransfer>> {
    return ctx.clues.list(ctx.caller, filter ?? {}, page);
  }

  @Mutation(() => ClueTransfer, { description: '提出线索移交纪委监委（热线受理员，须写明理由）；待纪委监委审批' })
  proposeClueTransfer(@Arg('complaintId', () => ID) complaintId: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: ClueContext): Promise<ClueTransfer> {
    return ctx.clues.propose(ctx.caller, complaintId, reason);
  }

  @Mutation(() => ClueTransfer, { description: '批准线索移交（纪委监委，不能审批本人提出的）：投诉随之办结，此后仅纪委监委可见' })
  approveClueTransfer(@Arg('id', () => ID) id: string, @Ctx() ctx: ClueContext): Promise<ClueTransfer> {
    return ctx.clues.approve(ctx.caller, id);
  }

  @Mutation(() => ClueTransfer, { description: '不予接收线索移交（纪委监委，须写明理由）：投诉继续在12345闭环中办理' })
  declineClueTransfer(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: ClueContext): Promise<ClueTransfer> {
    return ctx.clues.decline(ctx.caller, id, reason);
  }

  // The reasons and people: inspectors and the proposer only (`mayReadDetails`).
  @FieldResolver(() => String, { nullable: true, description: `移交理由${DETAIL}` })
  reason(@Root() clue: ClueTransfer, @Ctx() ctx: ClueContext): string | null {
    return ctx.clues.mayReadDetails(ctx.caller, clue) ? clue.reason : null;
  }

  @FieldResolver(() => ID, { nullable: true, description: `提出人账号${DETAIL}` })
  proposedById(@Root() clue: ClueTransfer, @Ctx() ctx: ClueContext): string | null {
    return ctx.clues.mayReadDetails(ctx.caller, clue) ? clue.proposedById : null;
  }

  @FieldResolver(() => String, { nullable: true, description: `提出人姓名${DETAIL}` })
  proposedByName(@Root() clue: ClueTransfer, @Ctx() ctx: ClueContext): string | null {
    return ctx.clues.mayReadDetails(ctx.caller, clue) ? clue.proposedByName : null;
  }

  @FieldResolver(() => ID, { nullable: true, description: `审批人账号（批准或不予接收的纪委监委人员）${DETAIL}` })
  approverId(@Root() clue: ClueTransfer, @Ctx() ctx: ClueContext): string | null {
    return ctx.clues.mayReadDetails(ctx.caller, clue) ? clue.approverId : null;
  }

  @FieldResolver(() => String, { nullable: true, description: `审批人姓名${DETAIL}` })
  approverName(@Root() clue: ClueTransfer, @Ctx() ctx: ClueContext): string | null {
    return ctx.clues.mayReadDetails(ctx.caller, clue) ? clue.approverName : null;
  }

  @FieldResolver(() => String, { nullable: true, description: `不予接收的理由${DETAIL}` })
  declineReason(@Root() clue: ClueTransfer, @Ctx() ctx: ClueContext): string | null {
    return ctx.clues.mayReadDetails(ctx.caller, clue) ? clue.declineReason : null;
  }

  @FieldResolver(() => Complaint)
  complaint(@Root() clue: ClueTransfer, @Ctx() ctx: ClueContext): Promise<Complaint> {
    return ctx.complaints.get(ctx.caller, clue.complaintId);
  }
}

@Resolver(() => Complaint)
export class ComplaintClueResolver {
  @FieldResolver(() => ClueTransfer, { nullable: true, description: '最近一次线索移交（仅受理人员与纪委监委可见，其他账号恒为空；理由与提出人、审批人仅纪委监委与提出人可见）' })
  clueTransfer(@Root() complaint: Complaint, @Ctx() ctx: ClueContext): Promise<ClueTransfer | null> {
    return ctx.clues.latestOf(ctx.caller, complaint);
  }
}
