import { DispatchStatus, Satisfaction } from '@bizenv/common/closed-loop';
import { Light } from '@bizenv/common/lights';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DemandAction } from './demand-action.js';

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

  @Field(() => Light, { nullable: true, description: '亮灯（仅未办结的诉求）：RED 超期，YELLOW 临近当前期限，GREEN 按期' })
  light?: Light | null;
}

@InputType({ description: '对一件企业诉求执行闭环操作；各操作需要的字段见 DemandAction，多给或少给都会被拒绝' })
export class ActOnDemandInput {
  @Field(() => ID)
  id!: string;

  @Field(() => DemandAction)
  action!: DemandAction;

  @Field(() => Int, { description: '操作前看到的版本号；已被他人修改时返回 CONFLICT' })
  expectedVersion!: number;

  @Field(() => ID, { nullable: true, description: '承办单位（转办时必填）' })
  unitId?: string | null;

  @Field(() => String, { nullable: true, description: '理由，1–500字（退回、重办、不予受理时必填）' })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: '答复内容，1–5000字（答复时必填）' })
  reply?: string | null;

  @Field(() => Satisfaction, { nullable: true, description: '企业评价（办结时必填；不满意的应重办）' })
  satisfaction?: Satisfaction | null;
}
