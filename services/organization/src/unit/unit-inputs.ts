import { Field, ID, InputType } from 'type-graphql';
import { UnitCategory } from './unit-category.js';
import { UnitKind } from './unit-kind.js';

@InputType({ description: '单位筛选条件，均可省略' })
export class UnitFilter {
  @Field(() => ID, { nullable: true, description: '只列该区划及其全部下级的单位；默认本账号可见范围' })
  regionCode?: string | null;

  @Field(() => UnitKind, { nullable: true })
  kind?: UnitKind | null;

  @Field(() => UnitCategory, { nullable: true })
  category?: UnitCategory | null;

  @Field(() => String, { nullable: true, description: '名称包含的文字（按字面匹配，% 和 _ 不是通配符）' })
  nameContains?: string | null;
}

@InputType({ description: '新增单位' })
export class CreateUnitInput {
  @Field(() => String, { description: '单位名称，1–128字，同一区划内不重复' })
  name!: string;

  @Field(() => UnitKind)
  kind!: UnitKind;

  @Field(() => UnitCategory, { nullable: true, description: '参与单位类别；可不填' })
  category?: UnitCategory | null;

  @Field(() => ID, { description: '所属行政区划代码' })
  regionCode!: string;
}

@InputType({ description: '修改单位：只改给出的字段' })
export class UpdateUnitInput {
  @Field(() => String, { nullable: true, description: '单位名称，1–128字，同一区划内不重复' })
  name?: string | null;

  @Field(() => UnitKind, { nullable: true })
  kind?: UnitKind | null;

  @Field(() => UnitCategory, { nullable: true, description: '参与单位类别；传 null 清除类别，不传则不变' })
  category?: UnitCategory | null;

  @Field(() => ID, { nullable: true, description: '迁往的行政区划代码（原区划和新区划都须在本账号范围内）' })
  regionCode?: string | null;
}
