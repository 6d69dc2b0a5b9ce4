import { Field, ID, InputType } from 'type-graphql';
import { GroupKind } from './group-kind.js';

@InputType({ description: '组织筛选条件' })
export class GroupFilter {
  @Field(() => ID, { nullable: true, description: '区域（含下级）；不给时为本账号可见范围' })
  regionCode?: string | null;

  @Field(() => GroupKind, { nullable: true })
  kind?: GroupKind | null;

  @Field(() => ID, { nullable: true, description: '只列此组的直接下级' })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: '名称包含的文字（按字面匹配，% 与 _ 不作通配符）' })
  nameContains?: string | null;
}

@InputType({ description: '新建领导小组、办公室、工作组、专项行动组或工作专班' })
export class CreateGroupInput {
  @Field(() => String, { description: '名称，1–100字' })
  name!: string;

  @Field(() => GroupKind)
  kind!: GroupKind;

  @Field(() => ID, { description: '所在区域；创建后不可更改' })
  regionCode!: string;

  @Field(() => ID, { nullable: true, description: '上级组织；本组区域须在其区域范围内' })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: '组长/牵头领导；须为本组区域（含下级）的人员' })
  leaderId?: string | null;

  @Field(() => ID, { nullable: true, description: '牵头单位；须在本组区域的上下级范围内' })
  leadUnitId?: string | null;
}

@InputType({ description: '修改组织；未给的字段不变，parentId、leaderId、leadUnitId 传 null 为清空' })
export class UpdateGroupInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => GroupKind, { nullable: true })
  kind?: GroupKind | null;

  @Field(() => ID, { nullable: true, description: '不能是本组自身或其下级（不能成环）' })
  parentId?: string | null;

  @Field(() => ID, { nullable: true })
  leaderId?: string | null;

  @Field(() => ID, { nullable: true })
  leadUnitId?: string | null;
}

@InputType({ description: '加入一名成员：personId 与 unitId 二选一' })
export class AddGroupMemberInput {
  @Field(() => ID)
  groupId!: string;

  @Field(() => ID, { nullable: true, description: '人员；须为本组区域（含下级）的人员' })
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: '单位；须在本组区域的上下级范围内' })
  unitId?: string | null;

  @Field(() => String, { nullable: true, description: '组内职务或职责，如 组长、副组长、成员、牵头单位，1–32字' })
  duty?: string | null;
}

@InputType({ description: '移出一名成员：personId 与 unitId 二选一' })
export class RemoveGroupMemberInput {
  @Field(() => ID)
  groupId!: string;

  @Field(() => ID, { nullable: true })
  personId?: string | null;

  @Field(() => ID, { nullable: true })
  unitId?: string | null;
}
