import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ReportCadence } from './report-period.js';

/**
 * 进度报告: what a lead unit owes for one task and one period of its campaign's cadence, from
 * the moment the task is in the campaign; filled in by `submitProgressReport`. Unsubmitted past
 * its period's end, it is missing and overdue (the deadline watcher announces it then).
 */
@Entity({ name: 'progress_report' })
@Index('idx_progress_report_obligation', ['taskId', 'unitId', 'period'], { unique: true })
@Index('idx_progress_report_due', ['dueAt'])
@Index('idx_progress_report_region', ['regionCode', 'dueAt'])
@Index('idx_progress_report_unit', ['unitId', 'dueAt'])
@Index('idx_progress_report_campaign', ['campaignId', 'unitId', 'period'])
@ObjectType({ description: '进度报告（每个牵头单位每期一份）' })
export class ProgressReport {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  taskId!: string;

  @Column({ type: 'varchar', length: 36 })
  campaignId!: string;

  @Column({ type: 'varchar', length: 36 })
  unitId!: string;

  /** The task's region: scope and statistics follow the task. */
  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => ReportCadence)
  cadence!: ReportCadence;

  @Column({ type: 'varchar', length: 7 })
  @Field(() => String, { description: '报送期（该期第一个月），如 2026-03' })
  period!: string;

  @Column({ type: 'varchar', length: 200 })
  @Field(() => String, { description: '如“压缩企业开办时间 2026年3月进度报告”' })
  title!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '报送截止时间（该期最后一日24时）' })
  dueAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: '报送时间；未报送为空' })
  submittedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '报告内容' })
  content!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  submitterId!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: '报送人' })
  submitterName!: string | null;
}
