import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BulletinVerdict } from './supervision-enums.js';

/** One unit named in a bulletin, as a good or a bad example. */
@Entity({ name: 'bulletin_entry' })
@Index('idx_bulletin_entry_bulletin', ['bulletinId'])
@Index('idx_bulletin_entry_unit', ['unitId'])
@ObjectType({ description: '通报点名的单位' })
export class BulletinEntry {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 36 })
  bulletinId!: string;

  @Column({ type: 'varchar', length: 36 })
  unitId!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => BulletinVerdict)
  verdict!: BulletinVerdict;

  @Column({ type: 'varchar', length: 500 })
  @Field(() => String, { description: '评语' })
  note!: string;
}
