import { DispatchStatus, Satisfaction } from '@bizenv/common/closed-loop';
import { ClosedLoopStepRecord } from '@bizenv/common/closed-loop-step';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { DemandAction } from './demand-action.js';

/** One step of a demand's closed loop (办理记录), written in the same transaction as the step. */
@Entity({ name: 'demand_timeline_entry' })
@Index('idx_demand_timeline_demand', ['demandId', 'at'])
@Index('idx_demand_timeline_entry_at', ['at'])
@ObjectType({ description: '企业诉求的办理记录（一次闭环操作）' })
export class DemandTimelineEntry extends ClosedLoopStepRecord {
  @Column({ type: 'varchar', length: 36 })
  demandId!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => DemandAction)
  action!: DemandAction;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => DispatchStatus, { description: '操作前状态' })
  fromStatus!: DispatchStatus;

  @Column({ type: 'varchar', length: 24, nullable: true })
  @Field(() => Satisfaction, { nullable: true, description: '企业评价（办结、重办时）' })
  satisfaction!: Satisfaction | null;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '操作时间' })
  at!: Date;
}
