import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum HelpMemberKind {
  PERSON = 'PERSON',
  UNIT = 'UNIT',
}

registerEnumType(HelpMemberKind, { name: 'HelpMemberKind', description: '帮扶团队成员类别', valuesConfig: { PERSON: { description: '人员' }, UNIT: { description: '单位' } } });

/** A person or a unit in a project's help team (帮扶团队); both live in the organization subgraph. */
@Entity({ name: 'project_help_member' })
@Index('idx_project_help_member_member', ['memberKind', 'memberId'])
@ObjectType({ description: '帮扶团队成员' })
export class ProjectHelpMember {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  projectId!: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  @Field(() => HelpMemberKind)
  memberKind!: HelpMemberKind;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  memberId!: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  @Field(() => String, { nullable: true, description: '职责，如“组长”“联络员”' })
  duty!: string | null;
}
