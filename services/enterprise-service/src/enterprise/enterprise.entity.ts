import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** 企业, identified by its unified social credit code. */
@Entity({ name: 'enterprise' })
@Index('uq_enterprise_credit_code', ['creditCode'], { unique: true })
@Index('idx_enterprise_region', ['regionCode'])
@ObjectType({ description: '企业' })
@Directive('@key(fields: "id")')
export class Enterprise {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 18 })
  @Field(() => String, { description: '统一社会信用代码（18位）' })
  creditCode!: string;

  @Column({ type: 'varchar', length: 200 })
  @Field(() => String, { description: '企业名称' })
  name!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '重点企业' })
  isKey!: boolean;
}
