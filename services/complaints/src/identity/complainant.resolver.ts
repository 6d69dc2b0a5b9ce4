import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { ComplaintContext } from '../complaint/complaint.resolver.js';
import type { ComplainantService } from './complainant.service.js';
import { Complainant } from './complainant.js';

export interface ComplainantContext extends ComplaintContext {
  complainants: ComplainantService;
}

@Resolver(() => Complainant)
export class ComplainantResolver {
  @Query(() => Complainant, {
    nullable: true,
    description: '投诉人身份与联系方式：仅受理人员与纪委监委本人可查（线索移交后仅纪委监委），每次查看及被拒绝的尝试均记入审计日志；未登记时为空',
  })
  complainantOf(@Arg('complaintId', () => ID) complaintId: string, @Ctx() ctx: ComplainantContext): Promise<Complainant | null> {
    return ctx.complainants.view(ctx.caller, complaintId);
  }
}
