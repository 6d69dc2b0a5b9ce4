import { Role } from '@bizenv/common/auth';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: '人员筛选条件' })
export class PersonFilter {
  @Field(() => ID, { nullable: true, description: '区域（含下级）；不给时为本账号可见范围' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => String, { nullable: true, description: '姓名包含的文字（按字面匹配，% 与 _ 不作通配符）' })
  nameContains?: string | null;
}

@InputType({ description: '新建人员' })
export class CreatePersonInput {
  @Field(() => String, { description: '姓名，1–64字' })
  name!: string;

  @Field(() => String, { nullable: true, description: '职务，1–64字' })
  title?: string | null;

  @Field(() => ID, { nullable: true, description: '所在单位；须与人员所在区域同属一条上下级链（本级、上级或下级）' })
  unitId?: string | null;

  @Field(() => ID, { description: '所在区域；决定其可见范围' })
  regionCode!: string;

  @Field(() => [Role], { description: '角色；承办人须有所在单位；授予角色须为安全管理员；系统管理员、安全管理员、审计管理员不能兼任' })
  roles!: Role[];
}

@InputType({ description: '修改人员；未给的字段不变，title、unitId 传 null 为清空' })
export class UpdatePersonInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => ID, { nullable: true })
  regionCode?: string | null;

  @Field(() => [Role], { nullable: true })
  roles?: Role[] | null;
}
