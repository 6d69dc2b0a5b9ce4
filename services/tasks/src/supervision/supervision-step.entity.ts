import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { SupervisionAction, SupervisionLevel, SupervisionStatus } from './supervision-enums.js';

/** One step of a supervision (督办记录): who, when, from, to, why, and the response deadline. */
@Entity({ name: 'supervision_step' })
@Index('idx_supervision_step_supervision', ['supervisionId', 'at'])
@ObjectType({ description: '督办记录（一次操作）' })
export class SupervisionStep {
  @PrimaryGeneratedColumn({ type: 'int' })
  @Field(() => ID)
  id!: number;

  @Column({ type: 'varchar', length: 36 })
  supervisionId!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => SupervisionAction)
  action!: SupervisionAction;

  @Column({ type: 'varchar', length: 16, nullable: true })
  @Field(() => SupervisionLevel, { nullable: true, description: '操作前级别（发起时为空）' })
  fromLevel!: SupervisionLevel | null;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => SupervisionLevel, { description: '操作后级别' })
  toLevel!: SupervisionLevel;

  @Column({ type: 'varchar', length: 24, nullable: true })
  @Field(() => SupervisionStatus, { nullable: true, description: '操作前状态（发起时为空）' })
  fromStatus!: SupervisionStatus | null;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => SupervisionStatus, { description: '操作后状态' })
  toStatus!: SupervisionStatus;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '督办或解除督办的理由' })
  reason!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '越级督办的理由' })
  skipReason!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '单位的回复' })
  response!: string | null;

  /** Set by an escalation; on a response, the deadline it answered. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: '回复期限：升级时为新期限；回复时为所回复的期限' })
  responseDueAt!: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  @Field(() => ID, { nullable: true, description: '通报级别所依据的通报' })
  bulletinId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => ID, { description: '操作人账号' })
  actorId!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '操作人姓名' })
  actorName!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date)
  at!: Date;
}
