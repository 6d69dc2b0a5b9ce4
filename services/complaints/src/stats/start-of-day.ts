import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: '今日零时（北京时间）的投诉数字：按受理时间、办理记录和当时适用的期限重算，不依赖大屏开着' })
export class ComplaintsAtStartOfDay {
  @Field(() => Date, { description: '今日零时（北京时间）' })
  at!: Date;

  @Field(() => Int, { description: '当时未办结（此前受理、未办结或已重办）' })
  open!: number;

  @Field(() => Int, { description: '当时超期未办结（当时适用的期限早于零时）' })
  overdue!: number;

  @Field(() => Int, { description: '当时临期（黄灯）' })
  dueSoon!: number;
}
