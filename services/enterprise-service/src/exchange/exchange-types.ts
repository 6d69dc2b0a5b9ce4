import { ImportRowError } from '@bizenv/common/exchange';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: '企业或项目导入结果' })
export class RegistryImportReport {
  @Field(() => Boolean, { description: '是否写入了数据（ALL_OR_NOTHING 模式下有错误行时为 false）' })
  committed!: boolean;

  @Field(() => Int, { description: '文件中的数据行数' })
  rows!: number;

  @Field(() => Int, { description: '本次导入的条数' })
  imported!: number;

  @Field(() => Int, { description: '有错误的行数（这些行一律不导入）' })
  failed!: number;

  @Field(() => [ImportRowError], { description: '逐行错误，按行号排列' })
  errors!: ImportRowError[];

  @Field(() => [ID], { description: '新导入的企业或项目编号，按行号排列' })
  ids!: string[];
}
