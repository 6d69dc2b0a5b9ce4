import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Channel, ComplaintCategory } from '../complaint/complaint-enums.js';

export enum DeadlineRuleChangeKind {
  SET = 'SET',
  REMOVE = 'REMOVE',
}

registerEnumType(DeadlineRuleChangeKind, {
  name: 'ComplaintDeadlineRuleChangeKind',
  description: '时限规则变更类型',
  valuesConfig: { SET: { description: '新增或修改' }, REMOVE: { description: '删除' } },
});

/** 时限规则变更记录: every change of the deadline table, with who and when, never edited. */
@Entity({ name: 'complaint_deadline_rule_change' })
@Index('idx_deadline_rule_change_at', ['at'])
@ObjectType('ComplaintDeadlineRuleChange', { description: '投诉办理时限规则的变更记录' })
export class DeadlineRuleChange {
  @PrimaryGeneratedColumn({ type: 'int' })
  @Field(() => ID)
  id!: number;

  @Column({ type: 'varchar', length: 8 })
  @Field(() => DeadlineRuleChangeKind)
  kind!: DeadlineRuleChangeKind;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => ID, { description: '规则标识' })
  ruleKey!: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  @Field(() => Channel, { nullable: true })
  channel!: Channel | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  @Field(() => ComplaintCategory, { nullable: true })
  category!: ComplaintCategory | null;

  /** The values set, or (removal) the values the rule had. */
  @Column({ type: 'int' })
  @Field(() => Int, { description: '答复期限（删除时为删除前的值）' })
  replyWorkingDays!: number;

  @Column({ type: 'int' })
  @Field(() => Int, { description: '办结期限（删除时为删除前的值）' })
  closeWorkingDays!: number;

  @Column({ type: 'int' })
  @Field(() => Int, { description: '黄灯提前量（删除时为删除前的值）' })
  yellowWorkingDays!: number;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => ID, { description: '操作人账号' })
  actorId!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '操作人姓名' })
  actorName!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '变更时间：此后受理的投诉按新规则计算期限' })
  at!: Date;
}
