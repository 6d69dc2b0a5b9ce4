import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organization subgraph's Unit, extended here with its demand statistics. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Unit {
  @Field(() => ID)
  id!: string;
}
