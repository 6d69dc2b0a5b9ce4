import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { ComplaintContext } from '../complaint/complaint.resolver.js';
import { Complaint } from '../complaint/complaint.entity.js';
import { ComplaintExtension } from './complaint-extension.entity.js';
import { DecideExtensionInput, RequestExtensionInput } from './extension-inputs.js';
import type { ExtensionService } from './extension.service.js';

export interface ExtensionContext extends ComplaintContext {
  extensions: ExtensionService;
}

@Resolver(() => Complaint)
export class ExtensionResolver {
  @Mutation(() => Complaint, { description: '申请延期（承办单位，本单位承办的投诉）：特别重大或特殊情况，最迟延至受理之日起3个月，须经批准' })
  requestComplaintExtension(@Arg('input', () => RequestExtensionInput) input: RequestExtensionInput, @Ctx() ctx: ExtensionContext): Promise<Complaint> {
    return ctx.extensions.request(ctx.caller, input);
  }

  @Mutation(() => Complaint, { description: '批准延期（热线受理员）：办结期限改为申请的日期，超期状态与统计随之改变' })
  approveComplaintExtension(@Arg('input', () => DecideExtensionInput) input: DecideExtensionInput, @Ctx() ctx: ExtensionContext): Promise<Complaint> {
    return ctx.extensions.approve(ctx.caller, input);
  }

  @Mutation(() => Complaint, { description: '不予批准延期（热线受理员，须填写意见）：办结期限不变' })
  rejectComplaintExtension(@Arg('input', () => DecideExtensionInput) input: DecideExtensionInput, @Ctx() ctx: ExtensionContext): Promise<Complaint> {
    return ctx.extensions.reject(ctx.caller, input);
  }

  @FieldResolver(() => [ComplaintExtension], { description: '延期申请及审批，按申请时间先后' })
  async extensionRequests(@Root() complaint: Complaint, @Ctx() ctx: ExtensionContext): Promise<ComplaintExtension[]> {
    await ctx.complaints.readable(ctx.caller, complaint);
    return ctx.extensions.list(complaint.id);
  }
}
