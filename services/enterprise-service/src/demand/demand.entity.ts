import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DispatchStatus, Satisfaction } from '@bizenv/common/closed-loop';
import type { DueKind } from '@bizenv/common/closed-loop-deadlines';
import { DemandSource } from './demand-source.js';

/** 诉求: a demand an enterprise raised (e.g. on a visit), in the same closed loop as a complaint. */
@Entity({ name: 'demand' })
@Index('idx_demand_region_status', ['regionCode', 'status'])
@Index('idx_demand_due', ['dueAt'])
@Index('idx_demand_unit_enterprise', ['unitId', 'enterpriseId'])
@Index('idx_demand_raised', ['raisedAt'])
@Index('idx_demand_visit', ['visitId'])
@Index('idx_demand_unit_status', ['unitId', 'status', 'dueAt'])
@Index('idx_demand_yellow', ['yellowAt'])
@ObjectType({ description: '企业诉求' })
@Directive('@key(fields: "id")')
export class Demand {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  enterpriseId!: string;

  @Column({ type: 'varchar', length: 200 })
  @Field(() => String)
  title!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  unitId!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '提出时间' })
  raisedAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '答复期限（提出后5个工作日，至当日24时）' })
  replyDueAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '办结期限（提出后30个工作日）' })
  closeDueAt!: Date;

  /** The deadline in force: the reply deadline until 答复, then the close deadline. */
  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '当前适用的期限：答复前为答复期限，答复后为办结期限' })
  dueAt!: Date;

  @Column({ type: 'varchar', length: 8, default: 'REPLY' })
  dueKind!: DueKind;

  /** When the light turns yellow (临期), the yellow window before `dueAt`. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  yellowAt!: Date | null;

  /** The working days the demand was given when raised (a later change of policy does not reach it). */
  @Column({ type: 'int', default: 5 })
  replyWorkingDays!: number;

  @Column({ type: 'int', default: 30 })
  closeWorkingDays!: number;

  @Column({ type: 'int', default: 1 })
  yellowWorkingDays!: number;

  @Column({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '期限超出已公布的节假日安排，按工作日暂算' })
  deadlineProvisional!: boolean;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => DispatchStatus)
  status!: DispatchStatus;

  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: '版本号：并发修改时用于检测冲突' })
  version!: number;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '承办单位的答复（最近一次）' })
  reply!: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  @Field(() => Satisfaction, { nullable: true, description: '企业评价（办结时回访录入；重办时为不满意）' })
  satisfaction!: Satisfaction | null;

  @Column({ type: 'varchar', length: 20, default: DemandSource.OTHER })
  @Field(() => DemandSource, { description: '诉求来源' })
  source?: DemandSource;

  /** The visit it was raised in (走访), if any. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  visitId?: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '诉求详情' })
  content?: string | null;

  /** Photo references (URLs or file ids of another system) of a monitoring point's report, as JSON. */
  @Column({ type: 'simple-json', nullable: true })
  photos?: string[] | null;
}
