import { Field, ID, InputType } from 'type-graphql';

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
}

@InputType({ description: '企业列表筛选；各条件同时满足' })
export class EnterpriseFilter {
  @Field(() => ID, { nullable: true, description: '所在地行政区划代码（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: '企业名称包含的文字，1–200字' })
  nameContains?: string | null;

  @Field(() => Boolean, { nullable: true, description: '重点企业' })
  isKey?: boolean | null;
}
