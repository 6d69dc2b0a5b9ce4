import { Role } from '@bizenv/common/auth';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

registerEnumType(Role, { name: 'Role', description: '角色' });

@ObjectType({ description: '当前登录账号' })
export class Viewer {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [Role])
  roles!: Role[];

  @Field(() => ID, { description: '可见范围的根区域代码' })
  regionCode!: string;
}

@ObjectType({ description: '登录结果' })
export class Session {
  @Field(() => String, { description: '以 `Authorization: Bearer <token>` 携带' })
  token!: string;

  @Field(() => Viewer)
  viewer!: Viewer;
}
