import { Field, ID, InputType, Int } from 'type-graphql';
import { Channel, ComplaintCategory } from './complaint-enums.js';

@InputType({ description: '受理一件投诉举报' })
export class ReceiveComplaintInput {
  @Field(() => Channel)
  channel!: Channel;

  @Field(() => ComplaintCategory)
  category!: ComplaintCategory;

  @Field(() => String, { description: '标题，1–200字' })
  title!: string;

  @Field(() => String, { description: '内容，1–5000字' })
  content!: string;

  @Field(() => ID, { description: '事发地行政区划代码' })
  regionCode!: string;

  @Field(() => Date, { nullable: true, description: '原始受理时间（从其他平台导入时填写）；默认为当前时间' })
  receivedAt?: Date | null;
}

@InputType({ description: '转办给承办单位' })
export class DispatchComplaintInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  unitId!: string;

  @Field(() => Int, { description: '操作前看到的版本号；已被他人修改时返回 CONFLICT' })
  expectedVersion!: number;
}
