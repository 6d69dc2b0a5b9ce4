import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ProblemStatus, ProblemTimelineAction } from './problem-enums.js';

/** One step of a problem's rectification (整改记录), written in the same transaction as the step. */
@Entity({ name: 'problem_event_log' })
@Index('idx_problem_event_log_problem', ['problemId', 'at'])
@ObjectType({ description: '整改记录（一次操作）' })
export class ProblemTimelineEntry {
  @PrimaryGeneratedColumn({ type: 'int' })
  @Field(() => ID)
  id!: number;

  @Column({ type: 'varchar', length: 36 })
  problemId!: string;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => ProblemTimelineAction)
  action!: ProblemTimelineAction;

  @Column({ type: 'varchar', length: 24, nullable: true })
  @Field(() => ProblemStatus, { nullable: true, description: '操作前状态（登记时为空）' })
  fromStatus!: ProblemStatus | null;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => ProblemStatus, { description: '操作后状态' })
  toStatus!: ProblemStatus;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => ID, { description: '操作人账号' })
  actorId!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '操作人姓名' })
  actorName!: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '理由：退回的原因，或销号的审核意见' })
  reason!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '整改完成的佐证说明' })
  evidence!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: '佐证材料（文件编号或链接）' })
  evidenceFileRef!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date)
  at!: Date;
}
