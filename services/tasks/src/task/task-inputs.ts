import { Field, ID, InputType, Int } from 'type-graphql';
import { TaskStatus } from './task-status.js';

@InputType({ description: '登记一项督办任务' })
export class CreateSupervisedTaskInput {
  @Field(() => Int, { description: '任务序号，1–100000' })
  number!: number;

  @Field(() => String, { description: '任务名称，1–200字' })
  title!: string;

  @Field(() => ID, { description: '牵头单位' })
  leadUnitId!: string;

  @Field(() => ID, { description: '所属行政区划代码' })
  regionCode!: string;

  @Field(() => String, {
    description: '完成时限：截止日期（北京时间），如 2026-12-31，也可传带时区的时间；期限均为当日24时',
  })
  deadline!: string;
}

@InputType({ description: '督办任务列表筛选；各条件同时满足' })
export class SupervisedTaskFilter {
  @Field(() => ID, { nullable: true, description: '行政区划代码（含全部下级）；须在本账号范围内，不给则为本账号的范围' })
  regionCode?: string | null;

  @Field(() => TaskStatus, { nullable: true })
  status?: TaskStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'true：只要超期未完成的（亮红灯）；false：只要未超期的' })
  overdue?: boolean | null;

  @Field(() => ID, { nullable: true, description: '牵头单位' })
  leadUnitId?: string | null;
}
