import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** 自查报告: the "一报告" of 一报告四清单; its four lists are the columns of its problems. */
@Entity({ name: 'self_inspection_report' })
@Index('idx_report_region', ['regionCode', 'submittedAt'])
@Index('idx_report_unit', ['unitId'])
@ObjectType({ description: '自查报告（一报告四清单）' })
export class SelfInspectionReport {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  @Field(() => ID, { description: '所属活动方案' })
  campaignId!: string;

  @Column({ type: 'varchar', length: 36 })
  unitId!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 200 })
  @Field(() => String)
  title!: string;

  @Column({ type: 'text' })
  @Field(() => String, { description: '自查情况' })
  content!: string;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => ID, { description: '提交人账号' })
  submittedById!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '提交人姓名' })
  submittedByName!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date)
  submittedAt!: Date;
}
