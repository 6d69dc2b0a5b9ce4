import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Staff confirmed a credit code whose check character fails (some early pilot codes are real
 * yet fail it): who, when and why. Kept per code, so a record stays after the code is corrected.
 */
@Entity({ name: 'credit_code_confirmation' })
@Index('idx_credit_code_confirmation_enterprise', ['enterpriseId', 'creditCode'])
@ObjectType({ description: '统一社会信用代码校验位未通过的人工确认记录' })
export class CreditCodeConfirmation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  enterpriseId!: string;

  @Column({ type: 'varchar', length: 18 })
  @Field(() => String, { description: '确认的统一社会信用代码' })
  creditCode!: string;

  @Column({ type: 'varchar', length: 500 })
  @Field(() => String, { description: '确认理由' })
  reason!: string;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => String, { description: '确认人账号' })
  confirmedById!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '确认人姓名' })
  confirmedByName!: string;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '确认时间' })
  confirmedAt!: Date;
}
