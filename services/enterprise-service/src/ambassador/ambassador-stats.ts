import { Field, Float, Int, ObjectType } from 'type-graphql';

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

  @Field(() => Int, { description: '这些诉求的企业回访评价次数（办结、重办各计一次）' })
  demandRatings!: number;

  @Field(() => Float, { nullable: true, description: '这些诉求的满意率：评价中“满意”“基本满意”所占比例；尚无评价为空' })
  demandSatisfaction!: number | null;
}
