import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A reference to the organization subgraph's Person (an ambassador, a visitor, a leader, a help-team member). */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Person {
  @Field(() => ID)
  id!: string;
}
