import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: '营商环境监测点随手拍：直接反映一个问题' })
export class ReportMonitoringProblemInput {
  @Field(() => ID, { description: '监测点企业' })
  enterpriseId!: string;

  @Field(() => String, { description: '问题标题，1–200字' })
  title!: string;

  @Field(() => String, { description: '问题描述，1–2000字' })
  content!: string;

  @Field(() => [String], { defaultValue: [], description: '照片：外部系统的地址或文件编号，最多9张（本系统不保存文件）' })
  photos!: string[];
}
