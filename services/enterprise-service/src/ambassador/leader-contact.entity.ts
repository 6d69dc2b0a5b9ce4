import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** 领导挂点服务重点企业: a leader assigned a key enterprise to keep in contact with [004]. */
@Entity({ name: 'leader_contact' })
@Index('idx_leader_contact_enterprise', ['enterpriseId', 'until'])
@Index('idx_leader_contact_leader', ['leaderId', 'until'])
@Index('idx_leader_contact_region', ['regionCode', 'since'])
@ObjectType({ description: '领导挂点联系重点企业' })
export class LeaderContact {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  leaderId!: string;

  @Column({ type: 'varchar', length: 36 })
  enterpriseId!: string;

  /** The enterprise's region: the scope of the contact. */
  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '起始时间' })
  since!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: '结束时间；空表示仍在挂点' })
  until!: Date | null;

  @Column({ type: 'varchar', length: 64 })
  assignedById!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '安排人姓名' })
  assignedByName!: string;
}
