import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { GroupKind } from './group-kind.js';

/**
 * 领导小组、办公室、工作组、专项行动组、工作专班. Its people lie within its region and its
 * children within its region, so whoever may see a group may see everything it names.
 */
@Entity({ name: 'org_group' })
@ObjectType({ description: '领导小组、办公室、工作组、专项行动组或工作专班' })
@Directive('@key(fields: "id")')
export class Group {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String)
  name!: string;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => GroupKind)
  kind!: GroupKind;

  @Index('idx_group_region')
  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Index('idx_group_parent')
  @Column({ type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  leaderId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  leadUnitId!: string | null;
}
