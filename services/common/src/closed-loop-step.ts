import { Field, ID, ObjectType } from 'type-graphql';
import { Column, PrimaryGeneratedColumn } from 'typeorm';
import { DispatchStatus } from './closed-loop.js';

/**
^ * What every closed-loop timeline records of a step (办理记录): the columns and fields that a
 * complaint's and a demand's timelines share. Each kind's entity adds its item, its actions,
 * where the step started and the rating it records. Decorated so that type-graphql hands its
 * fields to those entities; no field returns it, so it is never a type of the schema itself.
 */
@ObjectType()
export abstract class ClosedLoopStepRecord {
  @PrimaryGeneratedColumn({ type: 'int' })
  @Field(() => ID)
  id!: number;

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
}
