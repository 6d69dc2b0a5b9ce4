import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** 约谈: a record of an admonishing talk with a lagging unit's leader. */
@Entity({ name: 'admonishing_talk' })
@Index('idx_talk_region', ['regionCode', 'talkDate'])
@Index('idx_talk_unit', ['unitId'])
@ObjectType({ description: '约谈记录' })
export class AdmonishingTalk {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  unitId!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  @Field(() => ID, { nullable: true, description: '所属活动方案' })
  campaignId!: string | null;

  /** The unit's leader who was talked to. */
  @Column({ type: 'varchar', length: 36 })
  personId!: string;

  /** The leader who held the talk, when recorded. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  conductedById!: string | null;

  @Column({ type: 'varchar', length: 10 })
  @Field(() => String, { description: '约谈日期（北京时间，YYYY-MM-DD）' })
  talkDate!: string;

  @Column({ type: 'text' })
  @Field(() => String, { description: '约谈事由，如整改进度滞后、考评排名靠后' })
  reason!: string;

  @Column({ type: 'text' })
  @Field(() => String, { description: '约谈结果，如表态、整改承诺' })
  outcome!: string;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => ID, { description: '登记人账号' })
  recordedById!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '登记人姓名' })
  recordedByName!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date)
  recordedAt!: Date;
}
