import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: '合并重复投诉：重复件作为"已合并"办结，两件的办理记录都保留' })
export class MergeComplaintInput {
  @Field(() => ID, { description: '重复件：将被办结（原因：合并），不再计入受理数' })
  duplicateId!: string;

  @Field(() => ID, { description: '保留件：继续办理，可通过 mergedComplaints 查看被并入的投诉' })
  intoId!: string;

  @Field(() => Int, { description: '重复件操作前看到的版本号' })
  expectedDuplicateVersion!: number;

  @Field(() => Int, { description: '保留件操作前看到的版本号' })
  expectedIntoVersion!: number;

  @Field(() => String, { nullable: true, description: '说明，1–500字' })
  reason?: string | null;
}

@InputType({ description: '经核实不是重复件：清除重复提示' })
export class DismissDuplicateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: '只清除与这一件的重复提示；不给则全部清除' })
  candidateId?: string | null;

  @Field(() => String, { nullable: true, description: '说明，1–500字' })
  reason?: string | null;
}
