import { Field, ID, InputType } from 'type-graphql';

@InputType({
  description:
    '报送进度报告：给 taskId 则报送该任务的一期；给 campaignId + unitId + period 则该单位在该方案中牵头的全部任务的该期一并报送',
})
export class SubmitProgressReportInput {
  @Field(() => ID, { nullable: true, description: '任务' })
  taskId?: string | null;

  @Field(() => ID, { nullable: true, description: '活动方案（与 unitId、period 同时给出）' })
  campaignId?: string | null;

  @Field(() => ID, { nullable: true, description: '报送单位（牵头单位）；承办单位账号只能是本单位，不给则为本单位或任务的第一牵头单位' })
  unitId?: string | null;

  @Field(() => String, { nullable: true, description: '报送期（该期第一个月），如 2026-03；按任务报送时不给则为最早一期未报送且已开始的' })
  period?: string | null;

  @Field(() => String, { description: '报告内容，1–5000字' })
  content!: string;
}

@InputType({ description: '进度报告列表筛选；各条件同时满足' })
export class ProgressReportFilter {
  @Field(() => ID, { nullable: true, description: '行政区划代码（含全部下级，按任务所属区域）' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true })
  campaignId?: string | null;

  @Field(() => ID, { nullable: true })
  taskId?: string | null;

  @Field(() => ID, { nullable: true, description: '报送单位' })
  unitId?: string | null;

  @Field(() => String, { nullable: true, description: '报送期，如 2026-03' })
  period?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true：只要已过截止时间仍未报送的（缺报）；false：只要不缺报的' })
  missing?: boolean | null;
}
