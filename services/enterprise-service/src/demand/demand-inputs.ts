import { DispatchStatus } from '@bizenv/common/closed-loop';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: '企业诉求列表筛选；各条件同时满足' })
export class DemandFilter {
  @Field(() => ID, { nullable: true, description: '行政区划代码（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => DispatchStatus, { nullable: true })
  status?: DispatchStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'true：只要超期未办结的；false：只要未超期的' })
  overdue?: boolean | null;

  @Field(() => ID, { nullable: true, description: '承办单位' })
  unitId?: string | null;
}
