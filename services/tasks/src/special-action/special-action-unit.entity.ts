import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { UnitRole } from '../task/task-unit.entity.js';

/** A lead (牵头) or co-responsible (责任) unit of a special action. */
@Entity({ name: 'special_action_unit' })
@Index('idx_special_action_unit_unit', ['unitId'])
export class SpecialActionUnit {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  specialActionId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  unitId!: string;

  @Column({ type: 'varchar', length: 8 })
  role!: UnitRole;

  @Column({ type: 'int' })
  position!: number;
}
