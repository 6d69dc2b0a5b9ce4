import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A sign-in account. Not a GraphQL type: its hash never leaves this subgraph. */
@Entity({ name: 'app_user' })
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username!: string;

  @Column({ type: 'varchar', length: 64 })
  displayName!: string;

  @Column({ type: 'varchar', length: 200 })
  passwordHash!: string;

  /** Comma-separated `Role` values. */
  @Column({ type: 'varchar', length: 200 })
  roles!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  unitId!: string | null;
}
