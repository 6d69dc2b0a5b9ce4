import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A reference to the organization subgraph's Person (a responsible person, a leader talked to). */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Person {
  @Field(() => ID)
  id!: string;
}
