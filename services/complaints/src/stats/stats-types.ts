import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ComplaintCategory } from '../complaint/complaint-enums.js';
import { Unit } from '../unit/unit.js';

/** What a ComplaintStats covers: a region subtree, and one lead unit within it when given. */
export interface StatsScope {
  regionCode: string;
  unitId?: string;
}

@ObjectType({ description: '按投诉类别计数' })
export class CategoryCount {
  @Field(() => ComplaintCategory)
  category!: ComplaintCategory;

  @Field(() => Int, { description: '受理数（不含已合并的重复件）' })
  count!: number;
}

@ObjectType({ description: '办理质量：各比率及其分子分母；分母为0时比率为 null' })
export class ComplaintRates {
  @Field(() => Int, { description: '已答复件数（每件只计首次答复）' })
  replied!: number;

  @Field(() => Int, { description: '在答复期限内首次答复的件数' })
  repliedOnTime!: number;

  @Field(() => Float, { nullable: true, description: '答复及时率 = repliedOnTime ÷ replied' })
  responseRate!: number | null;

  @Field(() => Int, { description: '已办结件数（含不予受理，不含已合并的重复件）' })
  closed!: number;

  @Field(() => Float, { nullable: true, description: '办结率 = closed ÷ 受理数（total）' })
  resolutionRate!: number | null;

  @Field(() => Int, { description: '回访次数（办结回访与不满意重办各计一次）' })
  rated!: number;

  @Field(() => Int, { description: '满意与基本满意的回访次数' })
  satisfied!: number;

  @Field(() => Float, { nullable: true, description: '满意率 = satisfied ÷ rated' })
  satisfactionRate!: number | null;

  @Field(() => Int, { description: '在办结期限内办结的件数' })
  closedOnTime!: number;

  @Field(() => Float, { nullable: true, description: '按期办结率 = closedOnTime ÷ (closed + 超期未办结 overdue)' })
  onTimeRate!: number | null;
}

export enum RankingOrder {
  BEST_FIRST = 'BEST_FIRST',
  WORST_FIRST = 'WORST_FIRST',
}

registerEnumType(RankingOrder, {
  name: 'RankingOrder',
  description: '排名方向',
  valuesConfig: { BEST_FIRST: { description: '超期率低的在前（第1名最好）' }, WORST_FIRST: { description: '超期率高的在前' } },
});

@ObjectType({ description: '承办单位投诉办理排名中的一行（只计本区域内的投诉）' })
export class UnitComplaintRank {
  @Field(() => Int, { nullable: true, description: '名次，1为超期率最低；办理件数不足最低件数时为 null（不参加排名，列在最后）' })
  rank!: number | null;

  @Field(() => Unit)
  unit!: Unit;

  @Field(() => Int, { description: '办理件数：作为牵头单位承办的投诉（不含已合并的重复件）' })
  handled!: number;

  @Field(() => Int, { description: '超期件数 = 超期未办结 + 超期办结' })
  overdue!: number;

  @Field(() => Int, { description: '其中超期未办结' })
  overdueOpen!: number;

  @Field(() => Float, { description: '超期率 = overdue ÷ handled（未平滑）' })
  overdueRate!: number;

  @Field(() => Float, { description: '排名依据：平滑超期率 = (overdue + m·p) ÷ (handled + m)，m = 10，p = 本区域全部承办单位的超期率' })
  smoothedOverdueRate!: number;
}
