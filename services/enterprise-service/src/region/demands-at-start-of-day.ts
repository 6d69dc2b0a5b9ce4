import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: '今日零时（北京时间）的企业诉求数字：按提出时间、办理记录和当时适用的期限重算' })
export class DemandsAtStartOfDay {
  @Field(() => Date, { description: '今日零时（北京时间）' })
  at!: Date;

  @Field(() => Int, { description: '当时未办结' })
  open!: number;

  @Field(() => Int, { description: '当时超期未办结（当时适用的期限早于零时）' })
  overdue!: number;
}
