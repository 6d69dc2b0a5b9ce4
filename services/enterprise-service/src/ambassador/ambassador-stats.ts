import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: '服务大使工作统计（限于所给区域及其下级）' })
export class AmbassadorStats {
  personId!: string;

  @Field(() => Int, { description: '正在挂联的企业数' })
  enterprises!: number;

  @Field(() => Int, { description: '正在挂联的项目数' })
  projects!: number;

  @Field(() => Int, { description: '参加的走访次数' })
  visits!: number;

  @Field(() => Int, { description: '其参加的走访中提出的诉求数' })
  demandsRaised!: number;

  @Field(() => Int, { description: '其中已办结的诉求数' })
  demandsClosed!: number;
}
