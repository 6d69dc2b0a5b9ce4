import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** 走访: who visited which enterprise and when; the demands raised link back to it. */
@Entity({ name: 'visit' })
@Index('idx_visit_region_visited', ['regionCode', 'visitedAt'])
@Index('idx_visit_enterprise', ['enterpriseId', 'visitedAt'])
@ObjectType({ description: '走访记录' })
export class Visit {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  enterpriseId!: string;

  /** The enterprise's region when visited: the scope of the visit. */
  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '走访时间' })
  visitedAt!: Date;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '走访情况' })
  notes!: string | null;

  @Column({ type: 'varchar', length: 64 })
  recordedById!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '登记人姓名' })
  recordedByName!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '登记时间' })
  recordedAt!: Date;
}
