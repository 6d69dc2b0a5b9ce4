import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, type ValueTransformer } from 'typeorm';
import { ProjectStage } from './project-stage.js';

// MySQL hands a BIGINT back as a string, SQLite as a number; amounts stay below 2^53 (see investment.ts).
const wholeYuan: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/** 项目: an investment project helped through the "四个一" stages. */
@Entity({ name: 'project' })
@Index('idx_project_region_stage', ['regionCode', 'stage'])
@Index('idx_project_key_region', ['isKey', 'regionCode'])
@Index('idx_project_created', ['createdAt'])
@Index('idx_project_enterprise', ['enterpriseId'])
@ObjectType({ description: '项目（“四个一”帮扶）' })
@Directive('@key(fields: "id")')
export class Project {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  @Field(() => String, { description: '项目名称' })
  name!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  enterpriseId!: string | null;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => ProjectStage, { description: '当前阶段' })
  stage!: ProjectStage;

  @Column({ type: 'bigint', nullable: true, transformer: wholeYuan })
  investmentYuan!: number | null;

  @Column({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '重点项目' })
  isKey!: boolean;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '登记时间' })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '进入当前阶段的时间' })
  stageChangedAt!: Date;

  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: '版本号：修改时须给出，并发修改时用于检测冲突' })
  version!: number;
}
