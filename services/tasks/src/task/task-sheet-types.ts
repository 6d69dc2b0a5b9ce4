import { ImportRowError } from '@bizenv/common/exchange';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@InputType({ description: '单位名称与编号的对照（可由 units 列表查得）：导出时写出名称' })
export class UnitNameInput {
  @Field(() => String, { description: '单位名称' })
  name!: string;

  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: '任务清单导入结果：全部正确才导入，任何一行有错则一行也不导入' })
export class TaskImportReport {
  @Field(() => Boolean, { description: '是否写入了数据' })
  committed!: boolean;

  @Field(() => Int, { description: '文件中的数据行数' })
  rows!: number;

  @Field(() => Int, { description: '导入的任务数' })
  imported!: number;

  @Field(() => Int, { description: '有错误的行数' })
  failed!: number;

  @Field(() => [ImportRowError], { description: '逐行错误，按行号排列' })
  errors!: ImportRowError[];

  @Field(() => [ID], { description: '导入的任务编号，按行号排列' })
  taskIds!: string[];
}

@ObjectType({ description: '导出的表格文件（重点任务清单、整改台账、考评排名）' })
export class TaskExport {
  @Field(() => String, { description: '文件名，如 重点任务-20261123-0915.xlsx' })
  fileName!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => String, { description: '文件内容，base64 编码' })
  contentBase64!: string;

  @Field(() => Int, { description: '数据行数' })
  rowCount!: number;
}
