import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** 通报: a published bulletin naming good and bad examples (its entries). */
@Entity({ name: 'bulletin' })
@Index('idx_bulletin_region', ['regionCode', 'publishedAt'])
@ObjectType({ description: '通报' })
export class Bulletin {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  /** The region whose units it speaks to (and who may read it). */
  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  @Field(() => ID, { nullable: true, description: '所属活动方案' })
  campaignId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  @Field(() => String)
  title!: string;

  @Column({ type: 'text' })
  @Field(() => String, { description: '通报正文' })
  content!: string;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => ID, { description: '发布人账号' })
  publishedById!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '发布人姓名' })
  publishedByName!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date)
  publishedAt!: Date;
}
