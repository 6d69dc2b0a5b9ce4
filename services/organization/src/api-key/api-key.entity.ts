import { Permission } from '@bizenv/common/permission-type';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An integrator's API key (12345 platform, portals, OA): it acts within `regionCode` with exactly
 * `scopes`. Only a SHA-256 hash of the key is kept; the key itself is shown once, at creation.
 */
@Entity({ name: 'api_key' })
@ObjectType({ description: 'API 密钥：供其他政务系统以 `X-API-Key` 调用，权限为其授权范围，限于其区域' })
export class ApiKey {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => String, { description: '用途，如“12345热线平台”' })
  name!: string;

  @Index('idx_api_key_region')
  @Column({ type: 'varchar', length: 12 })
  @Field(() => ID, { description: '可访问范围的根区域代码' })
  regionCode!: string;

  /** Comma-separated `Permission` values in the table. */
  @Column({ type: 'varchar', length: 400, transformer: { to: (scopes: Permission[]) => scopes.join(','), from: (text: string) => text.split(',').filter(Boolean) } })
  @Field(() => [Permission], { description: '授权范围' })
  scopes!: Permission[];

  @Column({ type: 'varchar', length: 64, unique: true })
  secretHash!: string;

  @Column({ type: 'varchar', length: 4 })
  @Field(() => String, { description: '密钥末4位，用于辨认' })
  lastFour!: string;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => ID, { description: '创建人账号标识' })
  createdBy!: string;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => String, { description: '创建人姓名' })
  createdByName!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date)
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: '到期时间；为空则长期有效（直至吊销）' })
  expiresAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: '吊销时间；吊销后至多30秒（网关缓存时间）即被拒绝' })
  revokedAt!: Date | null;
}
