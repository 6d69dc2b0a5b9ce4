import { Field, ID, InputType } from 'type-graphql';
import { RegionLevel } from './region-level.js';

@InputType({ description: '行政区划筛选条件，均可省略' })
export class RegionFilter {
  @Field(() => ID, { nullable: true, description: '只列该区划及其全部下级；默认本账号可见范围的根' })
  within?: string | null;

  @Field(() => RegionLevel, { nullable: true })
  level?: RegionLevel | null;

  @Field(() => ID, { nullable: true, description: '只列该区划的直接下级' })
  parentCode?: string | null;

  @Field(() => String, { nullable: true, description: '名称包含的文字（按字面匹配，% 和 _ 不是通配符）' })
  nameContains?: string | null;
}

@InputType({ description: '新增行政区划' })
export class CreateRegionInput {
  @Field(() => ID, { description: '行政区划代码：市、区县、市辖园区6位（GB/T 2260），镇街及区县内园区9位' })
  code!: string;

  @Field(() => String, { description: '名称，1–64字' })
  name!: string;

  @Field(() => RegionLevel)
  level!: RegionLevel;

  @Field(() => ID, { nullable: true, description: '上级区划代码，必须是代码所示的上级（如 990102001 的上级为 990102）；市级不填' })
  parentCode?: string | null;
}

@InputType({ description: '修改行政区划（代码、层级和上级由代码确定，不可修改）' })
export class UpdateRegionInput {
  @Field(() => String, { description: '名称，1–64字' })
  name!: string;
}
