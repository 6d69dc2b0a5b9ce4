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

@InputType({ description: '修改专项整治（专项行动）：只改给出的字段，各字段按登记时的同一规则校验' })
export class UpdateSpecialActionInput {
  @Field(() => Int, { nullable: true, description: '序号，1–1000；同一方案内不得重复' })
  number?: number | null;

  @Field(() => String, { nullable: true, description: '名称，1–200字' })
  title?: string | null;

  @Field(() => ID, { nullable: true, description: '牵头领导（人员）；传 null 清除，不传则不变' })
  leadLeaderId?: string | null;

  @Field(() => ID, { nullable: true, description: '总责任单位；传 null 清除，不传则不变' })
  overallUnitId?: string | null;

  @Field(() => [ID], { nullable: true, description: '牵头单位（部门）；给出即整体替换' })
  leadUnitIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: '责任单位；给出即整体替换，[] 清除' })
  responsibleUnitIds?: string[] | null;
}
