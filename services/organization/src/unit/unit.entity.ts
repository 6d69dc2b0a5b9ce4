import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { UnitKind } from './unit-kind.js';

/** 单位/部门: a government unit that leads or handles tasks, complaints and demands. */
@Entity({ name: 'unit' })
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

  @Index('idx_unit_region')
  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;
}
