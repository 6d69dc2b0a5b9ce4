import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A domain event written in the same transaction as the change it describes. */
@Entity({ name: 'outbox_event' })
@Index('idx_outbox_unpublished', ['publishedAt', 'id'])
export class OutboxEvent {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  topic!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'datetime', precision: 3 })
  occurredAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  publishedAt!: Date | null;
}
