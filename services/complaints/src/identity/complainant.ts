import { Field, ObjectType } from 'type-graphql';

/** The complainant as the accepting staff and discipline inspectors see it (decrypted, audited). */
@ObjectType({ description: '投诉人（每次查看均记入审计日志）' })
export class Complainant {
  @Field(() => Boolean, { description: '匿名' })
  anonymous!: boolean;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true, description: '联系电话' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: '居民身份证号码' })
  idNumber!: string | null;

  @Field(() => String, { nullable: true, description: '投诉企业的统一社会信用代码' })
  enterpriseCreditCode!: string | null;
}
