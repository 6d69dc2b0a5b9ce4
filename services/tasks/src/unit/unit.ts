import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A reference to the organization subgraph's Unit. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Unit {
  @Field(() => ID)
  id!: string;
}
