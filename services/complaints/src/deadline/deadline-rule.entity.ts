import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Channel, ComplaintCategory } from '../complaint/complaint-enums.js';

/**
 * 办理时限规则: working days to reply and to close, for a channel, a category, both, or neither
 * (the default). The most specific rule for a complaint wins; it applies to complaints received
 * after it was set, never to earlier ones.
 */
@Entity({ name: 'complaint_deadline_rule' })
@ObjectType('ComplaintDeadlineRule', { description: '投诉办理时限规则（按受理渠道与类别，最具体的规则优先）' })
export class DeadlineRule {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  @Field(() => ID, { description: '规则标识：渠道/类别，未限定的一项为 *，默认规则为 */*' })
  key!: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  @Field(() => Channel, { nullable: true, description: '受理渠道；为空则不限' })
  channel!: Channel | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  @Field(() => ComplaintCategory, { nullable: true, description: '投诉类别；为空则不限' })
  category!: ComplaintCategory | null;

  @Column({ type: 'int' })
  @Field(() => Int, { description: '答复期限（工作日）' })
  replyWorkingDays!: number;

  @Column({ type: 'int' })
  @Field(() => Int, { description: '办结期限（工作日，自受理次日起算）' })
  closeWorkingDays!: number;

  @Column({ type: 'int' })
  @Field(() => Int, { description: '黄灯提前量：期限前若干个工作日起亮黄灯' })
  yellowWorkingDays!: number;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '最近修改时间' })
  updatedAt!: Date;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '最近修改人' })
  updatedBy!: string;
}
