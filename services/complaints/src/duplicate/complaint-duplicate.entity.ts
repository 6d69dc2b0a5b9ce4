import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A flag raised at 受理: `complaintId` may repeat the open complaint `candidateId`. */
@Entity({ name: 'complaint_duplicate' })
@Index('idx_complaint_duplicate_candidate', ['candidateId'])
@ObjectType('DuplicateCandidate', { description: '疑似重复：与一件未办结投诉相近' })
export class ComplaintDuplicate {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  complaintId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  candidateId!: string;

  /** Thousandths, so both databases store it exactly. */
  @Column({ type: 'int' })
  scoreMille!: number;

  @Column({ type: 'int' })
  textSimilarityMille!: number;

  @Column({ type: 'boolean' })
  @Field(() => Boolean, { description: '同一投诉人（或同一企业）' })
  sameComplainant!: boolean;

  @Column({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '同一被投诉单位' })
  sameSubjectUnit!: boolean;

  @Column({ type: 'boolean' })
  @Field(() => Boolean, { description: '同一镇街（或同一行政区划）' })
  sameRegion!: boolean;

  @Column({ type: 'boolean' })
  @Field(() => Boolean, { description: '同一投诉类别' })
  sameCategory!: boolean;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date, { description: '发现时间' })
  flaggedAt!: Date;
}
