import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { UnitCategory } from './unit-category.js';
import { UnitKind } from './unit-kind.js';

/** 单位/部门: a government unit that leads or handles tasks, complaints and demands. */
@Entity({ name: 'unit' })
@Index('uq_unit_region_name', ['regionCode', 'name'], { unique: true })
@ObjectType({ description: '单位/部门' })
@Directive('@key(fields: "id")')
export class Unit {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 128 })
  @Field(() => String)
  name!: string;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => UnitKind)
  kind!: UnitKind;

  @Column({ type: 'varchar', length: 8, nullable: true })
  @Field(() => UnitCategory, { nullable: true, description: '参与单位类别；未归类为 null' })
  category!: UnitCategory | null;

  @Index('idx_unit_region')
  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;
}
