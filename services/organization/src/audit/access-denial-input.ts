import { Directive, Field, InputType } from 'type-graphql';

/** One FORBIDDEN answer the gateway gave the caller it signs the report with. */
@InputType({ description: '网关报告的一次拒绝访问（仅网关内部使用）' })
@Directive('@inaccessible')
export class AccessDenialInput {
  @Field(() => String, { nullable: true })
  operationName?: string | null;

  /** The response path of the refused field, dotted (`complaint`, `region.complaintStats`). */
  @Field(() => String, { nullable: true })
  path?: string | null;

  @Field(() => String)
  message!: string;
}
