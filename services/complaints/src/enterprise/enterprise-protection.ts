import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: '投诉举报企业保护：保护期内对该企业的检查须经更严格的审批' })
export class EnterpriseProtection {
  @Field(() => Date, { description: '保护截止时间' })
  protectedUntil!: Date;

  @Field(() => String)
  reason!: string;
}
