import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: '一天（北京时间）的投诉受理与办结件数' })
export class ComplaintTrendDay {
  @Field(() => String, { description: '日期 YYYY-MM-DD（北京时间）' })
  date!: string;

  @Field(() => Int, { description: '当日受理件数（不含已合并的重复件）' })
  received!: number;

  @Field(() => Int, { description: '当日办结件数（含不予受理、线索移交，不含合并）' })
  closed!: number;
}
