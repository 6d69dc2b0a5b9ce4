import { Field, ID, InputType, Int } from 'type-graphql';
import { ProjectStage } from './project-stage.js';

@InputType({ description: '帮扶团队成员：人员或单位（二选一）' })
export class HelpTeamMemberInput {
  @Field(() => ID, { nullable: true, description: '人员编号' })
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: '单位编号' })
  unitId?: string | null;

  @Field(() => String, { nullable: true, description: '职责，1–50字' })
  duty?: string | null;
}

@InputType({ description: '登记一个项目' })
export class CreateProjectInput {
  @Field(() => String, { description: '项目名称，1–200字' })
  name!: string;

  @Field(() => ID, { description: '项目所在地行政区划代码' })
  regionCode!: string;

  @Field(() => ID, { nullable: true, description: '投资（实施）企业' })
  enterpriseId?: string | null;

  @Field(() => ProjectStage, { defaultValue: ProjectStage.RESERVE, description: '登记时所处阶段，默认项目储备' })
  stage!: ProjectStage;

  @Field(() => String, { nullable: true, description: '投资额（万元，十进制文本，最多4位小数，如 "12500.5"）' })
  investmentWanYuan?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: '重点项目' })
  isKey!: boolean;

  @Field(() => [HelpTeamMemberInput], { defaultValue: [], description: '帮扶团队，最多30个成员' })
  helpTeam!: HelpTeamMemberInput[];
}

@InputType({ description: '修改项目；未给出的字段不变' })
export class UpdateProjectInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '读到的版本号；已被他人修改时返回 CONFLICT' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: '投资额（万元）' })
  investmentWanYuan?: string | null;

  @Field(() => Boolean, { nullable: true })
  isKey?: boolean | null;

  @Field(() => [HelpTeamMemberInput], { nullable: true, description: '给出则替换整个帮扶团队' })
  helpTeam?: HelpTeamMemberInput[] | null;
}

@InputType({ description: '变更项目阶段：前进一个阶段，或说明理由退回之前的阶段' })
export class MoveProjectStageInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '读到的版本号；已被他人修改时返回 CONFLICT' })
  expectedVersion!: number;

  @Field(() => ProjectStage)
  toStage!: ProjectStage;

  @Field(() => String, { nullable: true, description: '理由，1–500字；退回时必填' })
  reason?: string | null;
}

@InputType({ description: '项目列表筛选；各条件同时满足' })
export class ProjectFilter {
  @Field(() => ID, { nullable: true, description: '行政区划代码（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => ProjectStage, { nullable: true })
  stage?: ProjectStage | null;

  @Field(() => Boolean, { nullable: true, description: '重点项目' })
  isKey?: boolean | null;

  @Field(() => ID, { nullable: true, description: '投资企业' })
  enterpriseId?: string | null;

  @Field(() => String, { nullable: true, description: '项目名称包含的文字，1–200字' })
  nameContains?: string | null;
}
