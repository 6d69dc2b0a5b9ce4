import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A milestone within a phase, e.g. "6月底完成“五个重点整治”". */
@ObjectType({ description: '时间节点' })
export class Milestone {
  @Field(() => String, { description: '节点日期（北京时间）' })
  on!: string;

  @Field(() => String)
  title!: string;
}

/** 阶段: e.g. 动员 3/1–3/10, 重点突破, 集中攻坚 (with milestones), 考评验收. */
@Entity({ name: 'campaign_phase' })
@Index('idx_campaign_phase_campaign', ['campaignId', 'position'])
@ObjectType({ description: '活动阶段' })
export class CampaignPhase {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  campaignId!: string;

  @Column({ type: 'int' })
  @Field(() => Int, { description: '第几阶段，从1起' })
  position!: number;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '阶段名称' })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  @Field(() => String, { description: '开始日期' })
  startsOn!: string;

  @Column({ type: 'varchar', length: 10 })
  @Field(() => String, { description: '结束日期（含当日）' })
  endsOn!: string;

  @Column({ type: 'simple-json' })
  @Field(() => [Milestone], { description: '本阶段的时间节点' })
  milestones!: Milestone[];
}
