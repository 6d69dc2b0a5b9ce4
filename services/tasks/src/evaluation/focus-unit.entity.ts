import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** 整治重点: a unit listed for rectification in a campaign; it cannot get a first or second prize. */
@Entity({ name: 'focus_unit' })
@Index('idx_focus_unit_campaign_unit', ['campaignId', 'unitId'], { unique: true })
@Index('idx_focus_unit_region', ['regionCode'])
@ObjectType({ description: '列为整治重点的单位（年度考核不能评为一、二等奖及进步奖）' })
export class FocusUnit {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  @Field(() => ID, { description: '活动方案' })
  campaignId!: string;

  @Column({ type: 'varchar', length: 36 })
  unitId!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'text' })
  @Field(() => String, { description: '列为整治重点的理由，如整改落实不到位' })
  reason!: string;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => ID, { description: '登记人账号' })
  flaggedById!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '登记人姓名' })
  flaggedByName!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date)
  flaggedAt!: Date;
}
