import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * 专项整治 / 专项行动 of a campaign ("八个专项整治", "9+3" 专项行动, five 专项行动 each with a
 * 牵头领导 and a 总责任单位 [004]). Its lead and co-responsible units are in `special_action_unit`.
 */
@Entity({ name: 'special_action' })
@Index('idx_special_action_campaign', ['campaignId', 'number'], { unique: true })
@ObjectType({ description: '专项整治（专项行动）' })
export class SpecialAction {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  campaignId!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'int' })
  @Field(() => Int, { description: '序号（方案内）' })
  number!: number;

  @Column({ type: 'varchar', length: 200 })
  @Field(() => String)
  title!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  leadLeaderId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  overallUnitId!: string | null;

  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: '版本号：修改、撤销时用于检测冲突' })
  version!: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: '撤销时间；未撤销为空。撤销的专项行动保留记录，不再出现在列表和统计中' })
  withdrawnAt?: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: '撤销原因' })
  withdrawalReason?: string | null;
}
