import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ReportCadence } from '../report/report-period.js';

/** 活动方案 / 实施方案: a plan issued by a body for a region, run in phases. */
@Entity({ name: 'campaign' })
@Index('idx_campaign_region_starts', ['regionCode', 'startsOn'])
@ObjectType({ description: '活动方案（实施方案）' })
@Directive('@key(fields: "id")')
export class Campaign {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 200 })
  @Field(() => String, { description: '方案名称' })
  title!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '印发机关，如“中共江湾市委办公室 江湾市人民政府办公室”' })
  issuingBody!: string;

  @Column({ type: 'int' })
  @Field(() => Int, { description: '年度' })
  year!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '文号，如“江委办发〔2026〕3号”' })
  documentNumber!: string | null;

  @Column({ type: 'varchar', length: 10 })
  @Field(() => String, { description: '开始日期（北京时间），如 2026-03-01' })
  startsOn!: string;

  @Column({ type: 'varchar', length: 10 })
  @Field(() => String, { description: '结束日期（含当日）' })
  endsOn!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  @Field(() => ReportCadence, { nullable: true, description: '牵头单位报送进度的周期；为空则不要求定期报送' })
  reportCadence!: ReportCadence | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: '版本号：修改、撤销时用于检测冲突' })
  version!: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: '撤销时间；未撤销为空。撤销的方案保留记录，不再出现在列表和统计中' })
  withdrawnAt?: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: '撤销原因' })
  withdrawalReason?: string | null;
}
