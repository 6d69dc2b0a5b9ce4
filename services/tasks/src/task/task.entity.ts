import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TaskStatus } from './task-status.js';

/** 重点任务: a numbered task under supervision, with a lead unit and a deadline day. */
@Entity({ name: 'supervised_task' })
@Index('idx_supervised_task_region_status', ['regionCode', 'status'])
@Index('idx_supervised_task_deadline', ['deadline'])
@Index('idx_supervised_task_lead_unit', ['leadUnitId'])
@ObjectType({ description: '督办任务（重点任务）' })
@Directive('@key(fields: "id")')
export class SupervisedTask {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'int' })
  @Field(() => Int, { description: '任务序号' })
  number!: number;

  @Column({ type: 'varchar', length: 200 })
  @Field(() => String)
  title!: string;

  @Column({ type: 'varchar', length: 36 })
  leadUnitId!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '完成时限（北京时间截止日当日24时）' })
  deadline!: Date;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => TaskStatus)
  status!: TaskStatus;

  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: '版本号：并发修改时用于检测冲突' })
  version!: number;
}
