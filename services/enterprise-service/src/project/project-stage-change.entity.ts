import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ProjectStage } from './project-stage.js';

/** One move of a project between stages, written in the same transaction as the move. */
@Entity({ name: 'project_stage_change' })
@Index('idx_project_stage_change_project', ['projectId', 'at'])
@ObjectType({ description: '项目阶段变更记录' })
export class ProjectStageChange {
  @PrimaryGeneratedColumn({ type: 'int' })
  @Field(() => ID)
  id!: number;

  @Column({ type: 'varchar', length: 36 })
  projectId!: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  @Field(() => ProjectStage, { nullable: true, description: '变更前阶段（登记时为空）' })
  fromStage!: ProjectStage | null;

  @Column({ type: 'varchar', length: 24 })
  @Field(() => ProjectStage, { description: '变更后阶段' })
  toStage!: ProjectStage;

  @Column({ type: 'varchar', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: '理由（退回时必填）' })
  reason!: string | null;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => ID, { description: '操作人账号' })
  actorId!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '操作人姓名' })
  actorName!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date)
  at!: Date;
}
