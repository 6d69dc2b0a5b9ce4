import { ImportRowError } from '@bizenv/common/exchange';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: '投诉导入结果' })
export class ComplaintImportReport {
  @Field(() => Boolean, { description: '是否写入了数据（ALL_OR_NOTHING 模式下有错误行时为 false）' })
  committed!: boolean;

  @Field(() => Int, { description: '文件中的数据行数' })
  rows!: number;

  @Field(() => Int, { description: '本次新导入的投诉数' })
  imported!: number;

  @Field(() => Int, { description: '已导入过而跳过的行数（按渠道和受理编号判断，重复导入同一文件不会重复登记）' })
  skipped!: number;

  @Field(() => Int, { description: '有错误的行数' })
  failed!: number;

  @Field(() => [ImportRowError], { description: '逐行错误，按行号排列' })
  errors!: ImportRowError[];

  @Field(() => [String], { description: '新导入的投诉编号，按行号排列' })
  complaintIds!: string[];
}
