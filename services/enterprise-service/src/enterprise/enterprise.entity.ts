import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EnterpriseScale, IndustrySection } from './enterprise-enums.js';

/** 企业, identified by its unified social credit code. */
@Entity({ name: 'enterprise' })
@Index('uq_enterprise_credit_code', ['creditCode'], { unique: true })
@Index('idx_enterprise_region', ['regionCode'])
@Index('idx_enterprise_key_region', ['isKey', 'regionCode'])
@ObjectType({ description: '企业' })
@Directive('@key(fields: "id")')
// The complaints subgraph knows an enterprise by the credit code a complainant gave (its protection).
@Directive('@key(fields: "creditCode")')
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

  @Column({ type: 'varchar', length: 1, nullable: true })
  @Field(() => IndustrySection, { nullable: true, description: '行业门类' })
  industry?: IndustrySection | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  @Field(() => EnterpriseScale, { nullable: true, description: '企业规模' })
  scale?: EnterpriseScale | null;

  @Column({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '营商环境监测点' })
  isMonitoringPoint?: boolean;

  @Column({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '“小升规”培育库企业' })
  inIncubationPool?: boolean;

  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: '版本号：修改时须给出，并发修改时用于检测冲突' })
  version?: number;
}
