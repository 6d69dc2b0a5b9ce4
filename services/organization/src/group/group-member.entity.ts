import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One member of a group: a person or a unit (exactly one of the two), with an optional duty. */
@Entity({ name: 'group_member' })
@Index('uq_group_member_person', ['groupId', 'personId'], { unique: true })
@Index('uq_group_member_unit', ['groupId', 'unitId'], { unique: true })
export class GroupMember {
  /** Increasing: members are listed in the order they were added. */
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 36 })
  groupId!: string;

  @Index('idx_group_member_person')
  @Column({ type: 'varchar', length: 36, nullable: true })
  personId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  unitId!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  duty!: string | null;
}
