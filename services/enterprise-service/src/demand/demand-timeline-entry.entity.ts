import { DispatchStatus, Satisfaction } from '@bizenv/common/closed-loop';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DemandAction } from './demand-action.js';

/** One step of a demand's closed loop (办理记录), written in the same transaction as the step. */
@Entity({ name: 'demand_timeline_entry' })
@Index('idx_demand_timeline_demand', ['demandId', 'at'])
@ObjectType({ description: '企业诉求的办理记录（一次闭环操作）' })
export class DemandTimelineEntry {
  @PrimaryGeneratedColumn({ type: 'int' })
  @Field(() => ID)
  id!: number;

  @Column({ type: 'varchar', length: 36 })
  demandId!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => DemandAction)
  action!: DemandAction;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => DispatchStatus, { description: '操作前状态' })
  fromStatus!: DispatchStatus;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => DispatchStatus, { description: '操作后状态' })
  toStatus!: DispatchStatus;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => ID, { description: '操作人账号' })
  actorId!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '操作人姓名' })
  actorName!: string;

  /** The unit dispatched to (转办) or the unit that acted (签收, 退回, 答复). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  unitId!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '退回、重办或不予受理的理由' })
  reason!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '答复内容' })
  reply!: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  @Field(() => Satisfaction, { nullable: true, description: '企业评价（办结、重办时）' })
  satisfaction!: Satisfaction | null;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '操作时间' })
  at!: Date;
}
