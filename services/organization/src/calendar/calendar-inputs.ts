import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: '载入一年的节假日安排（国务院办公厅每年年底公布下一年的安排）' })
export class LoadCalendarYearInput {
  @Field(() => Int, { description: '年份：2004年至明年' })
  year!: number;

  @Field(() => [String], { description: '放假日期（YYYY-MM-DD，该年内，可含其中的周末），至少一天为周一至周五' })
  holidays!: string[];

  @Field(() => [String], { description: '调休上班日期（YYYY-MM-DD，该年内，须为周六或周日）' })
  workdays!: string[];

  @Field(() => String, { description: '来源，1–200字，如“国办发明电〔2026〕×号”' })
  source!: string;
}
