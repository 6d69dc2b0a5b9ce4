import { Role } from '@bizenv/common/auth';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * 人员: a cadre, leader, service ambassador, handler…, with a title (职务), a unit and roles.
 * A sign-in account is two optional columns on the same row; neither is a GraphQL field.
 */
@Entity({ name: 'person' })
@ObjectType({ description: '人员（干部、领导、服务大使、承办人等），可有登录账号' })
@Directive('@key(fields: "id")')
export class Person {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => String, { description: '姓名' })
  name!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '职务' })
  title!: string | null;

  @Index('idx_person_unit')
  @Column({ type: 'varchar', length: 36, nullable: true })
  unitId!: string | null;

  @Index('idx_person_region')
  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  // Stored comma-separated in a varchar(200) (see the migration).
  @Column({ type: 'simple-array' })
  @Field(() => [Role], { description: '角色；决定权限' })
  roles!: Role[];

  /** Lower case; kept when the account is disabled, so it is never handed to someone else. */
  @Column({ type: 'varchar', length: 64, nullable: true, unique: true })
  username!: string | null;

  /** `null`: no account, or a disabled one; nobody can sign in as this person. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  passwordHash!: string | null;

  /** Failed sign-ins since `failedSince` (the first of the current window); reset by a successful one. */
  @Column({ type: 'int', default: 0 })
  failedSignIns!: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  failedSince!: Date | null;

  /** Nobody can sign in as this person before then, not even with the right password. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  lockedUntil!: Date | null;
}
