import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: '区域（含全部下级）企业服务统计' })
export class ServiceStats {
  @Field(() => Int, { description: '企业数' })
  enterprises!: number;

  @Field(() => Int, { description: '未办结诉求' })
  openDemands!: number;

  @Field(() => Int, { description: '超期未办结诉求' })
  overdueDemands!: number;
}
