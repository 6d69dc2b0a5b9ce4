import { Field, ID, InputType, Int } from 'type-graphql';
import { EnterpriseScale, IndustrySection } from './enterprise-enums.js';

@InputType({ description: '校验位未通过时的人工确认（部分早期试点代码真实存在但校验位不符）' })
export class ConfirmInvalidCheckInput {
  @Field(() => String, { description: '确认理由，1–500字（如：已核对营业执照原件）' })
  reason!: string;
}

@InputType({ description: '登记一家企业' })
export class RegisterEnterpriseInput {
  @Field(() => String, { description: '统一社会信用代码（18位；首尾空格、小写、全角字符会被规范化）' })
  creditCode!: string;

  @Field(() => String, { description: '企业名称，1–200字' })
  name!: string;

  @Field(() => ID, { description: '所在地行政区划代码' })
  regionCode!: string;

  @Field(() => Boolean, { defaultValue: false, description: '重点企业' })
  isKey!: boolean;

  @Field(() => IndustrySection, { nullable: true, description: '行业门类' })
  industry?: IndustrySection | null;

  @Field(() => EnterpriseScale, { nullable: true, description: '企业规模' })
  scale?: EnterpriseScale | null;

  @Field(() => Boolean, { defaultValue: false, description: '营商环境监测点' })
  isMonitoringPoint!: boolean;

  @Field(() => Boolean, { defaultValue: false, description: '“小升规”培育库企业' })
  inIncubationPool!: boolean;

  @Field(() => ConfirmInvalidCheckInput, { nullable: true, description: '代码校验位不通过时的人工确认；校验位正确时不需要（给了也不记录）' })
  confirmInvalidCheck?: ConfirmInvalidCheckInput | null;
}

@InputType({ description: '修改企业信息；未给出的字段不变，industry、scale 给 null 则清空' })
export class UpdateEnterpriseInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '读到的版本号；已被他人修改时返回 CONFLICT' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: '统一社会信用代码；改为已登记的代码时返回 CONFLICT' })
  creditCode?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: '所在地行政区划代码；新旧区域都须在本账号范围内' })
  regionCode?: string | null;

  @Field(() => Boolean, { nullable: true })
  isKey?: boolean | null;

  @Field(() => IndustrySection, { nullable: true })
  industry?: IndustrySection | null;

  @Field(() => EnterpriseScale, { nullable: true })
  scale?: EnterpriseScale | null;

  @Field(() => Boolean, { nullable: true })
  isMonitoringPoint?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  inIncubationPool?: boolean | null;

  @Field(() => ConfirmInvalidCheckInput, { nullable: true, description: '新代码校验位不通过时的人工确认' })
  confirmInvalidCheck?: ConfirmInvalidCheckInput | null;
}

@InputType({ description: '企业列表筛选；各条件同时满足' })
export class EnterpriseFilter {
  @Field(() => ID, { nullable: true, description: '所在地行政区划代码（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: '企业名称包含的文字，1–200字' })
  nameContains?: string | null;

  @Field(() => Boolean, { nullable: true, description: '重点企业' })
  isKey?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '营商环境监测点' })
  isMonitoringPoint?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '“小升规”培育库企业' })
  inIncubationPool?: boolean | null;

  @Field(() => IndustrySection, { nullable: true })
  industry?: IndustrySection | null;

  @Field(() => EnterpriseScale, { nullable: true })
  scale?: EnterpriseScale | null;
}
