import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { RegionLevel } from './region-level.js';

/** 行政区划: keyed by its administrative code (GB/T 2260; nine digits for towns). */
@Entity({ name: 'region' })
@ObjectType({ description: '行政区划' })
@Directive('@key(fields: "code")')
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  @Field(() => ID)
  code!: string;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => String)
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => RegionLevel)
  level!: RegionLevel;

  @Index('idx_region_parent')
  @Column({ type: 'varchar', length: 12, nullable: true })
  parentCode!: string | null;
}
