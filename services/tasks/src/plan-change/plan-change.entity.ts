import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PlanChangeAction, PlanItemKind } from './plan-change-enums.js';

@ObjectType({ description: '一个字段的修改：原值与新值（时间为 ISO 8601 UTC；单位为编号，多个以“、”分隔；阶段为各阶段名称、起止日期和时间节点）' })
export class FieldChange {
  @Field(() => String, { description: '字段名，如 deadline、title、leadUnitIds' })
  field!: string;

  @Field(() => String, { nullable: true, description: '原值；原来为空时为空' })
  from!: string | null;

  @Field(() => String, { nullable: true, description: '新值；清除时为空' })
  to!: string | null;
}

/** One correction or withdrawal (撤销) of a campaign, special action or task, written with it. */
@Entity({ name: 'plan_change' })
@Index('idx_plan_change_item', ['itemKind', 'itemId', 'at'])
@ObjectType({ description: '修改或撤销记录' })
export class PlanChange {
  @PrimaryGeneratedColumn({ type: 'int' })
  @Field(() => ID)
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  itemKind!: PlanItemKind;

  @Column({ type: 'varchar', length: 36 })
  itemId!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => PlanChangeAction)
  action!: PlanChangeAction;

  @Column({ type: 'simple-json' })
  @Field(() => [FieldChange], { description: '改了什么（撤销时为空）' })
  changes!: FieldChange[];

  @Column({ type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: '撤销原因' })
  reason!: string | null;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => ID, { description: '操作人账号' })
  actorId!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '操作人姓名' })
  actorName!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date)
  at!: Date;
}
