import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Campaign } from '../campaign/campaign.entity.js';
import type { SpecialActionWithUnits } from '../special-action/special-action.service.js';
import { DeadlineRule } from './deadline-rule.js';
import { TargetDirection } from './task-pace.js';
import { TaskStatus } from './task-status.js';
import type { SupervisedTaskUnit } from './task-unit.entity.js';

/**
 * 重点任务: a numbered task under supervision, in a campaign (and optionally a special action),
 * with lead and co-responsible units, a deadline and optionally a quantified target.
 * `leadUnitId` is the first lead unit; every unit of the task is in `supervised_task_unit`.
 */
@Entity({ name: 'supervised_task' })
@Index('idx_supervised_task_region_status', ['regionCode', 'status'])
@Index('idx_supervised_task_deadline', ['deadline'])
@Index('idx_supervised_task_lead_unit', ['leadUnitId'])
@Index('idx_supervised_task_warn', ['warnAt'])
@Index('idx_supervised_task_behind', ['behindAt'])
@Index('idx_supervised_task_campaign_number', ['campaignId', 'number'], { unique: true })
@Index('idx_supervised_task_special_action', ['specialActionId'])
@ObjectType({ description: '督办任务（重点任务）' })
@Directive('@key(fields: "id")')
export class SupervisedTask {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'int' })
  @Field(() => Int, { description: '任务序号（在所属活动方案内唯一）' })
  number!: number;

  @Column({ type: 'varchar', length: 200 })
  @Field(() => String)
  title!: string;

  @Column({ type: 'varchar', length: 36 })
  leadUnitId!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  campaignId?: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  specialActionId?: string | null;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '完成时限（北京时间截止日当日24时）' })
  deadline!: Date;

  @Column({ type: 'varchar', length: 16, default: DeadlineRule.DATE })
  @Field(() => DeadlineRule, { description: '完成时限的表述方式（具体日期或月底、季度末、年底）' })
  deadlineRule?: DeadlineRule;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => TaskStatus)
  status!: TaskStatus;

  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: '版本号：并发修改时用于检测冲突' })
  version!: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: '登记时间' })
  createdAt?: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: '完成时间（未完成为空）' })
  completedAt?: Date | null;

  /** Start of the target's pace line (the baseline holds then) and of the reports owed. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: '任务起始时间：目标进度从此时的基数起算，进度报告从此时起报送' })
  startsAt?: Date | null;

  @Column({ type: 'double', nullable: true })
  targetBaseline?: number | null;

  @Column({ type: 'double', nullable: true })
  targetValue?: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  targetUnit?: string | null;

  @Column({ type: 'varchar', length: 4, nullable: true })
  targetDirection?: TargetDirection | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  targetText?: string | null;

  /** The latest reported actual (by the day it was measured), kept here so pace needs no join. */
  @Column({ type: 'double', nullable: true })
  latestActual?: number | null;

  /** From when the task is behind its target pace (see task-pace.ts); null: not behind. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  behindAt?: Date | null;

  /** From when the light is yellow: near the deadline or behind pace, whichever comes first. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  warnAt?: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: '撤销时间；未撤销为空。撤销的任务保留记录，不再出现在列表和统计中' })
  withdrawnAt?: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: '撤销原因' })
  withdrawalReason?: string | null;

  /** Every unit of the task, when loaded with it (not a column). */
  units?: SupervisedTaskUnit[];

  /** Its campaign and special action, when a list loaded them for all its rows at once (not columns). */
  plan?: { campaign: Campaign | null; specialAction: SpecialActionWithUnits | null };
}
