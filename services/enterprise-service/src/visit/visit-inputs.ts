import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: '走访中企业提出的一项诉求' })
export class VisitDemandInput {
  @Field(() => String, { description: '诉求标题，1–200字' })
  title!: string;

  @Field(() => String, { nullable: true, description: '诉求详情，1–2000字' })
  content?: string | null;
}

@InputType({ description: '登记一次走访及其中提出的诉求' })
export class RecordVisitInput {
  @Field(() => ID)
  enterpriseId!: string;

  @Field(() => Date, { description: '走访时间，不能晚于现在' })
  visitedAt!: Date;

  @Field(() => [ID], { description: '走访人员（人员编号），1–20人' })
  visitorIds!: string[];

  @Field(() => String, { nullable: true, description: '走访情况，1–2000字' })
  notes?: string | null;

  @Field(() => [VisitDemandInput], { defaultValue: [], description: '企业提出的诉求，最多20项；各自进入诉求闭环（待转办）' })
  demands!: VisitDemandInput[];
}

@InputType({ description: '走访列表筛选；各条件同时满足' })
export class VisitFilter {
  @Field(() => ID, { nullable: true, description: '企业所在地（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string | null;

  @Field(() => ID, { nullable: true, description: '走访人员' })
  visitorId?: string | null;

  @Field(() => Date, { nullable: true, description: '走访时间不早于' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: '走访时间早于' })
  to?: Date | null;
}
