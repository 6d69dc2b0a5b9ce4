import { Entity, Index, PrimaryColumn } from 'typeorm';

/** One person on a visit (走访人员); people live in the organization subgraph. */
@Entity({ name: 'visit_visitor' })
@Index('idx_visit_visitor_person', ['personId'])
export class VisitVisitor {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  visitId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  personId!: string;
}
