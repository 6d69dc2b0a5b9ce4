import { Arg, Ctx, FieldResolver, Float, Mutation, Resolver, Root } from 'type-graphql';
import { Complaint } from '../complaint/complaint.entity.js';
import type { ComplaintContext } from '../complaint/complaint.resolver.js';
import { ComplaintDuplicate } from './complaint-duplicate.entity.js';
import { DismissDuplicateInput, MergeComplaintInput } from './duplicate-inputs.js';
import type { DuplicateFlag, DuplicateService } from './duplicate.service.js';

export interface DuplicateContext extends ComplaintContext {
  duplicates: DuplicateService;
}

@Resolver(() => Complaint)
export class ComplaintDuplicatesResolver {
  @FieldResolver(() => [ComplaintDuplicate], {
    nullable: true,
    description: '疑似重复：受理时发现的相近未办结投诉，按相似度由高到低；仅热线受理员（转办权限）可见，其他账号为 null',
  })
  possibleDuplicateOf(@Root() complaint: Complaint, @Ctx() ctx: DuplicateContext): Promise<DuplicateFlag[] | null> {
    return ctx.duplicates.flags(ctx.caller, complaint);
  }

  @FieldResolver(() => [Complaint], { description: '并入本件的重复投诉（各自的办理记录在其 timeline 中）' })
  mergedComplaints(@Root() complaint: Complaint, @Ctx() ctx: DuplicateContext): Promise<Complaint[]> {
    return ctx.duplicates.mergedInto(ctx.caller, complaint);
  }

  @FieldResolver(() => Complaint, { nullable: true, description: '本件作为重复件并入的投诉（已合并办结时）' })
  mergedInto(@Root() complaint: Complaint, @Ctx() ctx: DuplicateContext): Promise<Complaint | null> {
    return ctx.duplicates.survivorOf(ctx.caller, complaint);
  }

  @Mutation(() => Complaint, { description: '合并重复投诉（热线受理员）：重复件办结为"已合并"，不再计入统计；返回保留件' })
  mergeComplaint(@Arg('input', () => MergeComplaintInput) input: MergeComplaintInput, @Ctx() ctx: DuplicateContext): Promise<Complaint> {
    return ctx.duplicates.merge(ctx.caller, input);
  }

  @Mutation(() => Complaint, { description: '排除重复（热线受理员）：清除疑似重复提示，记入办理记录' })
  dismissDuplicate(@Arg('input', () => DismissDuplicateInput) input: DismissDuplicateInput, @Ctx() ctx: DuplicateContext): Promise<Complaint> {
    return ctx.duplicates.dismiss(ctx.caller, input);
  }
}

@Resolver(() => ComplaintDuplicate)
export class ComplaintDuplicateResolver {
  @FieldResolver(() => Complaint, { description: '相近的未办结投诉' })
  complaint(@Root() flag: DuplicateFlag): Complaint {
    return flag.candidate;
  }

  @FieldResolver(() => Float, { description: '综合相似度 0–1：文本（字符二元组 Jaccard）占 0.55，同一投诉人 0.15，同一被投诉单位 0.1，同一镇街 0.05，同一类别 0.05，受理时间接近 0.1' })
  score(@Root() flag: DuplicateFlag): number {
    return flag.scoreMille / 1000;
  }

  @FieldResolver(() => Float, { description: '标题与内容的字符二元组 Jaccard 相似度 0–1' })
  textSimilarity(@Root() flag: DuplicateFlag): number {
    return flag.textSimilarityMille / 1000;
  }
}
