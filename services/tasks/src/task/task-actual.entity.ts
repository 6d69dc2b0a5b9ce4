import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A reported actual value of a task's target (实际值), e.g. 网上办税比例 63% on 2026-06-30. */
@Entity({ name: 'task_actual' })
@Index('idx_task_actual_task', ['taskId', 'measuredOn'])
@ObjectType({ description: '目标实际值填报' })
export class TaskActual {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  taskId!: string;

  @Column({ type: 'varchar', length: 10 })
  @Field(() => String, { description: '统计日期（北京时间），如 2026-06-30' })
  measuredOn!: string;

  @Column({ type: 'double' })
  @Field(() => Float, { description: '实际值（单位同目标）' })
  value!: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: '说明' })
  note!: string | null;

  @Column({ type: 'varchar', length: 64 })
  reporterId!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '填报人' })
  reporterName!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  reporterUnitId!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '填报时间' })
  reportedAt!: Date;
}
