import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: '将单位列为某活动方案的整治重点' })
export class MarkFocusUnitInput {
  @Field(() => ID)
  campaignId!: string;

  @Field(() => ID)
  unitId!: string;

  @Field(() => ID, { description: '单位所在行政区划代码，须在活动方案的区域内' })
  regionCode!: string;

  @Field(() => String, { description: '理由，1–500字' })
  reason!: string;
}

@InputType({ description: '考评与亮灯历史的范围' })
export class EvaluationScope {
  @Field(() => ID, { nullable: true, description: '行政区划代码（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true, description: '活动方案；不给则统计全部事项（整治重点看任一活动方案）' })
  campaignId?: string | null;
}
