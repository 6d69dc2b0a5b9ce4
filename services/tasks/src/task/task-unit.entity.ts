import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** 牵头单位 or 责任单位 (co-responsible unit) of a task or a special action. */
export enum UnitRole {
  LEAD = 'LEAD',
  CO = 'CO',
}

/** One unit of a task: lead units owe its progress reports; every unit of it may read it. */
@Entity({ name: 'supervised_task_unit' })
@Index('idx_task_unit_unit', ['unitId', 'role'])
export class SupervisedTaskUnit {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  taskId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  unitId!: string;

  @Column({ type: 'varchar', length: 8 })
  role!: UnitRole;

  /** Order as the plan lists them (the first lead unit is the task's `leadUnitId`). */
  @Column({ type: 'int' })
  position!: number;
}
