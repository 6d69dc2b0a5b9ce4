import { Directive, Field, ObjectType } from 'type-graphql';
import { Region } from '../region/region.js';

/**
 * The enterprise-service subgraph's Enterprise, known here by its credit code (all a complainant
 * gives), extended with its protection after it complained. Its region comes from
 * enterprise-service, to check the caller's scope.
 */
@ObjectType()
@Directive('@key(fields: "creditCode")')
export class Enterprise {
  @Field(() => String)
  creditCode!: string;

  @Field(() => Region)
  @Directive('@external')
  region?: Region;
}
