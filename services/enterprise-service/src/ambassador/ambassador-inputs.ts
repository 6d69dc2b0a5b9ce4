import { Field, ID, InputType } from 'type-graphql';
import { AmbassadorLevel } from './ambassador-level.js';

@InputType({ description: '安排服务大使挂联一家企业或一个项目（二选一）' })
export class AssignAmbassadorInput {
  @Field(() => ID, { description: '服务大使（人员编号）' })
  personId!: string;

  @Field(() => AmbassadorLevel)
  level!: AmbassadorLevel;

  @Field(() => ID, {
    description: '服务大使在该层级负责的区域：市级为市代码、县级为县（区）代码、乡镇级为乡镇（街道）代码；须包含企业或项目所在地，且在本账号范围内',
  })
  regionCode!: string;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string | null;

  @Field(() => ID, { nullable: true })
  projectId?: string | null;
}

@InputType({ description: '安排领导挂点联系一家重点企业' })
export class AssignLeaderContactInput {
  @Field(() => ID, { description: '领导（人员编号）' })
  leaderId!: string;

  @Field(() => ID)
  enterpriseId!: string;
}

@InputType({ description: '服务大使挂联列表筛选；各条件同时满足' })
export class AmbassadorAssignmentFilter {
  @Field(() => ID, { nullable: true, description: '企业或项目所在地（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true })
  personId?: string | null;

  @Field(() => AmbassadorLevel, { nullable: true })
  level?: AmbassadorLevel | null;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string | null;

  @Field(() => ID, { nullable: true })
  projectId?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: '是否包括已结束的挂联' })
  includeEnded!: boolean;
}

@InputType({ description: '领导挂点列表筛选；各条件同时满足' })
export class LeaderContactFilter {
  @Field(() => ID, { nullable: true, description: '企业所在地（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true })
  leaderId?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: '是否包括已结束的挂点' })
  includeEnded!: boolean;
}
