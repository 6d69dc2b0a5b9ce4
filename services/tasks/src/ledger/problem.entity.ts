import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ProblemSource, ProblemStatus } from './problem-enums.js';

/**
 * 问题: one row of a unit's problem list, with its cause (原因清单), measures (措施清单), the
 * responsible unit and person (责任清单) and a time limit (时限清单). The rectification ledger
 * (整改台账) is the set of these rows.
 */
@Entity({ name: 'rectification_problem' })
@Index('idx_problem_region_status', ['regionCode', 'status'])
@Index('idx_problem_time_limit', ['timeLimit'])
@Index('idx_problem_yellow_at', ['yellowAt'])
@Index('idx_problem_unit_status', ['responsibleUnitId', 'status'])
@Index('idx_problem_report', ['reportId'])
@ObjectType({ description: '问题（整改台账中的一项）' })
export class Problem {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  /** The self-inspection report that listed it; null for problems from other sources. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  reportId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  @Field(() => ID, { nullable: true, description: '所属活动方案' })
  campaignId!: string | null;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => ProblemSource)
  source!: ProblemSource;

  @Column({ type: 'varchar', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: '来源编号，如投诉编号、督查通知文号' })
  sourceRef!: string | null;

  @Column({ type: 'varchar', length: 200 })
  @Field(() => String, { description: '问题（问题清单）' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '具体表现' })
  description!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '原因（原因清单）' })
  cause!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '整改措施（措施清单）' })
  measures!: string | null;

  @Column({ type: 'varchar', length: 36 })
  responsibleUnitId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  responsiblePersonId!: string | null;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '整改时限（时限清单；北京时间截止日当日24时）' })
  timeLimit!: Date;

  /** From when the light is yellow: the start of the working day before the time limit's day. */
  @Column({ type: 'datetime', precision: 3 })
  yellowAt!: Date;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => ProblemStatus)
  status!: ProblemStatus;

  /** When the pending (or, once signed off, the approved) 整改完成申请 was made. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: '整改完成申请时间（被退回后清空）' })
  signOffRequestedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: '销号时间' })
  closedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '登记时间' })
  createdAt!: Date;

  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: '版本号：并发修改时用于检测冲突' })
  version!: number;
}
