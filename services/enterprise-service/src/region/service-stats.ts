import { Field, Int, ObjectType } from 'type-graphql';
import { ProjectStage } from '../project/project-stage.js';

@ObjectType({ description: '某阶段的项目数' })
export class ProjectStageCount {
  @Field(() => ProjectStage)
  stage!: ProjectStage;

  @Field(() => Int)
  count!: number;
}

/**
 * The first three counts come with the object (the wall screen asks for them); every other field
 * is counted only when asked for.
 */
@ObjectType({ description: '区域（含全部下级）企业服务统计' })
export class ServiceStats {
  /** The region whose subtree is counted; the caller's access to it has been checked. */
  regionCode!: string;

  @Field(() => Int, { description: '企业数' })
  enterprises!: number;

  @Field(() => Int, { description: '未办结诉求' })
  openDemands!: number;

  @Field(() => Int, { description: '超期未办结诉求' })
  overdueDemands!: number;
}

@ObjectType({ description: '承办单位的企业诉求统计（限于本账号的区域范围）' })
export class UnitServiceStats {
  /** The caller's region, within which the unit's demands are counted. */
  regionCode!: string;

  unitId!: string;

  @Field(() => Int, { description: '未办结诉求' })
  openDemands!: number;

  @Field(() => Int, { description: '超期未办结诉求' })
  overdueDemands!: number;
}
