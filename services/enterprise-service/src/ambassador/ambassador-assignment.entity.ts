import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AmbassadorLevel } from './ambassador-level.js';

/** A service ambassador (服务大使) serving one enterprise or one project at a level, since/until. */
@Entity({ name: 'ambassador_assignment' })
@Index('idx_ambassador_enterprise', ['enterpriseId', 'level', 'until'])
@Index('idx_ambassador_project', ['projectId', 'level', 'until'])
@Index('idx_ambassador_person', ['personId', 'until'])
@Index('idx_ambassador_target_region', ['targetRegionCode', 'since'])
@ObjectType({ description: '服务大使挂联（企业或项目）' })
export class AmbassadorAssignment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  personId!: string;

  @Column({ type: 'varchar', length: 8 })
  @Field(() => AmbassadorLevel)
  level!: AmbassadorLevel;

  /** The area the ambassador serves at that level; it contains the enterprise's or project's region. */
  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  enterpriseId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  projectId!: string | null;

  /** Where the enterprise or project is: the scope of the assignment. */
  @Column({ type: 'varchar', length: 12 })
  targetRegionCode!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '起始时间' })
  since!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: '结束时间；空表示仍在挂联' })
  until!: Date | null;

  @Column({ type: 'varchar', length: 64 })
  assignedById!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '安排人姓名' })
  assignedByName!: string;
}
