import { Field, InputType } from 'type-graphql';

@InputType({ description: '投诉人身份与联系方式：与投诉分开加密保存，仅受理人员和纪委监委可查看（每次查看留痕）' })
export class ComplainantInput {
  @Field(() => Boolean, { defaultValue: false, description: '匿名：不留姓名、身份证号和企业信用代码（可留回访电话）' })
  anonymous!: boolean;

  @Field(() => String, { nullable: true, description: '姓名，1–50字（实名时必填）' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: '联系电话：手机号或含区号的固定电话' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: '居民身份证号码（18位）' })
  idNumber?: string | null;

  @Field(() => String, { nullable: true, description: '投诉企业的统一社会信用代码：该企业在保护期内受保护' })
  enterpriseCreditCode?: string | null;
}
