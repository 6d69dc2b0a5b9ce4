import { Permission } from '@bizenv/common/permission-type';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ApiKey } from './api-key.entity.js';

@InputType({ description: '新建 API 密钥' })
export class CreateApiKeyInput {
  @Field(() => String, { description: '用途，最多64字' })
  name!: string;

  @Field(() => ID, { description: '可访问范围的根区域代码，须在本账号范围内' })
  regionCode!: string;

  @Field(() => [Permission], { description: '授权范围：不可授予系统管理、组织管理、安全管理、审计、查看投诉人身份和线索移交' })
  scopes!: Permission[];

  @Field(() => Date, { nullable: true, description: '到期时间；不给则长期有效' })
  expiresAt?: Date | null;
}

@ObjectType({ description: '新建的 API 密钥；key 只在此显示一次，请妥善保存' })
export class CreatedApiKey {
  @Field(() => String, { description: '以 `X-API-Key: <key>` 携带；系统只保存其摘要，无法再次查看' })
  key!: string;

  @Field(() => ApiKey)
  apiKey!: ApiKey;
}
