import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { SupervisionLevel, SupervisionStatus, SupervisionTargetKind } from './supervision-enums.js';

/** 督办: one task or problem under escalating supervision; its steps are in `supervision_step`. */
@Entity({ name: 'supervision' })
@Index('idx_supervision_region_status', ['regionCode', 'status'])
@Index('idx_supervision_response_due', ['responseDueAt'])
@Index('idx_supervision_unit', ['unitId'])
@Index('idx_supervision_target', ['targetId'])
@Index('uq_supervision_active', ['activeKey'], { unique: true })
@ObjectType({ description: '督办事项（催办 → 督办单 → 挂牌督办 → 通报）' })
export class Supervision {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => SupervisionTargetKind)
  targetKind!: SupervisionTargetKind;

  @Column({ type: 'varchar', length: 36 })
  targetId!: string;

  /** `<kind>:<id>` while open, null once closed: a unique index allows one open supervision per item. */
  @Column({ type: 'varchar', length: 48, nullable: true })
  activeKey!: string | null;

  @Column({ type: 'varchar', length: 200 })
  @Field(() => String, { description: '督办事项名称（任务或问题的名称）' })
  title!: string;

  /** The unit that must respond: the task's lead unit or the problem's responsible unit. */
  @Column({ type: 'varchar', length: 36 })
  unitId!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => SupervisionLevel, { description: '当前督办级别' })
  level!: SupervisionLevel;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => SupervisionStatus)
  status!: SupervisionStatus;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '当前一步的回复期限（按工作日计算，当日24时）' })
  responseDueAt!: Date;

  /** When the current step was issued and how many working days it gave: the deadline is recounted from them when a new year's calendar arrives. */
  @Column({ type: 'datetime', precision: 3 })
  stepIssuedAt!: Date;

  @Column({ type: 'int' })
  @Field(() => Int, { description: '当前一步给予的回复工作日数' })
  responseWorkingDays!: number;

  @Column({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '回复期限超出已公布的节假日安排，按周一至周五估算' })
  deadlineProvisional!: boolean;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '发起督办的时间' })
  openedAt!: Date;

  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: '版本号：并发修改时用于检测冲突' })
  version!: number;
}
