import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

const dateList = { to: (dates: string[]) => JSON.stringify(dates), from: (text: string) => JSON.parse(text) as string[] };

/**
 * 全国年度节假日安排: one year's official schedule. Packaged years (the `chinese-days` package)
 * are listed without being stored; a year loaded at run time is stored here and published to the
 * subgraphs that count working days.
 */
@Entity({ name: 'working_calendar_year' })
@ObjectType({ description: '年度节假日安排（法定节假日与调休上班日）' })
export class CalendarYear {
  @PrimaryColumn({ type: 'int' })
  @Field(() => Int)
  year!: number;

  @Column({ type: 'text', transformer: dateList })
  @Field(() => [String], { description: '放假日期（YYYY-MM-DD，含其中的周末），升序' })
  holidays!: string[];

  @Column({ type: 'text', transformer: dateList })
  @Field(() => [String], { description: '调休上班的周末日期（YYYY-MM-DD），升序' })
  workdays!: string[];

  @Column({ type: 'varchar', length: 200 })
  @Field(() => String, { description: '来源，如国务院办公厅通知文号' })
  source!: string;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: '运行时载入的时间；随系统内置的年份为空' })
  loadedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  loadedById!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: '载入人姓名；随系统内置的年份为空' })
  loadedBy!: string | null;
}
