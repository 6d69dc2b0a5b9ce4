import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organization subgraph's Region, extended here with enterprise-service statistics. */
@ObjectType()
@Directive('@key(fields: "code")')
export class Region {
  @Field(() => ID)
  code!: string;
}
