import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: '登记专项整治（专项行动）' })
export class CreateSpecialActionInput {
  @Field(() => ID, { description: '所属活动方案' })
  campaignId!: string;

  @Field(() => Int, { description: '序号，1–1000；同一方案内不得重复' })
  number!: number;

  @Field(() => String, { description: '名称，1–200字，如“提升政务服务满意度专项行动”' })
  title!: string;

  @Field(() => ID, { nullable: true, description: '牵头领导（人员）' })
  leadLeaderId?: string | null;

  @Field(() => ID, { nullable: true, description: '总责任单位' })
  overallUnitId?: string | null;

  @Field(() => [ID], { nullable: true, description: '牵头单位（部门）' })
  leadUnitIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: '责任单位' })
  responsibleUnitIds?: string[] | null;
}
