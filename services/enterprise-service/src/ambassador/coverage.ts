import { connectionOf } from '@bizenv/common/connection';
import { Field, Int, ObjectType } from 'type-graphql';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Project } from '../project/project.entity.js';
import { AmbassadorLevel } from './ambassador-level.js';

@ObjectType({ description: '缺少服务大使的重点企业' })
export class EnterpriseCoverageGap {
  @Field(() => Enterprise)
  enterprise!: Enterprise;

  @Field(() => [AmbassadorLevel], { description: '缺少服务大使的层级（由市级到所在地层级）' })
  missingLevels!: AmbassadorLevel[];
}

@ObjectType({ description: '缺少服务大使的重点项目' })
export class ProjectCoverageGap {
  @Field(() => Project)
  project!: Project;

  @Field(() => [AmbassadorLevel], { description: '缺少服务大使的层级（由市级到所在地层级）' })
  missingLevels!: AmbassadorLevel[];
}

export const EnterpriseCoverageGapConnection = connectionOf(EnterpriseCoverageGap, 'EnterpriseCoverageGap');
export const ProjectCoverageGapConnection = connectionOf(ProjectCoverageGap, 'ProjectCoverageGap');

/**
 * 服务大使覆盖情况: a key enterprise or key project is covered when it has an active ambassador at
 * every level from the city down to the level of its own region.
 */
@ObjectType({ description: '服务大使覆盖情况（重点企业、重点项目须自市级至所在地层级每级都有服务大使）' })
export class AmbassadorCoverage {
  regionCode!: string;
  /** A unit operator's coverage: only what their unit serves. */
  unitId?: string;

  @Field(() => Int, { description: '重点企业数' })
  keyEnterprises!: number;

  @Field(() => Int, { description: '各层级均有服务大使的重点企业数' })
  coveredKeyEnterprises!: number;

  @Field(() => Int, { description: '重点项目数' })
  keyProjects!: number;

  @Field(() => Int, { description: '各层级均有服务大使的重点项目数' })
  coveredKeyProjects!: number;
}
